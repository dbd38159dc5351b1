"""The composition root: everything the coach needs, built once from settings and passed in.

Nothing is built at import time; tests build their own services from their own settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.coaching_questions import CoachingQuestions, load_coaching_questions
from bot.conversation import Conversation
from bot.engine.actions import ActionRegistry
from bot.engine.checkin_actions import CHECKIN_ACTIONS
from bot.engine.engine import Engine
from bot.flows.library import FlowLibrary, load_flows
from bot.identity import AddressCipher, Pseudonymiser
from bot.knowledge.base import KnowledgeConfig, LazyKnowledge
from bot.lens.content import LensContent, load_lens_content
from bot.lens.prefetch import PrefetchingLens
from bot.lens.reading import Lens, NullLens
from bot.prefetch import Prefetched
from bot.privacy_notice import PrivacyNotice, load_privacy_notice
from bot.redaction import Redactor, default_redactor
from bot.safety.crisis import SecondOpinion
from bot.safety.patterns import default_patterns
from bot.safety.signposting import Signposting, load_signposting
from bot.settings import Settings, SettingsError, with_keys
from bot.store.database import Database
from bot.wording import Messages, load_messages


@dataclass(frozen=True)
class Content:
    """The validated content files: flows and wording."""

    flows: FlowLibrary
    messages: Messages
    actions: ActionRegistry
    signposting: Signposting
    notice: PrivacyNotice
    coaching_questions: CoachingQuestions  # for the coach's pre-call brief
    lens: LensContent  # the reasoning lens's label names and probes


@dataclass(frozen=True)
class Services:
    settings: Settings
    content: Content
    database: Database
    redactor: Redactor
    engine: Engine
    conversation: Conversation
    pseudonymiser: Pseudonymiser
    address_cipher: AddressCipher
    knowledge: LazyKnowledge
    lens: Lens

    def close(self) -> None:
        self.database.dispose()


def build_actions() -> ActionRegistry:
    return ActionRegistry(CHECKIN_ACTIONS)


def load_content(settings: Settings) -> Content:
    """Load and validate every content file; raises naming the file, step and problem."""
    prompts = settings.resolved_prompts_dir
    actions = build_actions()
    flows = load_flows(prompts / "flows", actions=actions)
    lens = load_lens_content(prompts / "lens.yaml")
    lens.check_steps(
        {flow.id: [step.id for step in flow.steps] for flow in flows}, label="lens.yaml"
    )
    return Content(
        flows=flows,
        messages=load_messages(prompts / "messages.yaml"),
        actions=actions,
        signposting=load_signposting(prompts / "safety.yaml"),
        notice=load_privacy_notice(prompts / "privacy.yaml"),
        coaching_questions=load_coaching_questions(prompts / "coaching_questions.yaml"),
        lens=lens,
    )


def build_services(settings: Settings, *, migrate: bool = True) -> Services:
    settings = with_keys(settings)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    # bm25s sets its own logger to DEBUG on import; keep third-party chatter at our level.
    for noisy in ("bm25s", "chromadb"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    if settings.pseudonym_key is None or settings.encryption_key is None:
        raise SettingsError("COACH_PSEUDONYM_KEY and COACH_ENCRYPTION_KEY must be set")
    content = load_content(settings)
    database = Database(settings.resolved_database_url)
    if migrate:
        database.migrate()
    redactor = default_redactor()
    default_patterns()  # compile the crisis patterns now: a broken pattern file stops the start
    lens = build_lens(settings)
    second_opinion = crisis_second_opinion(settings)
    engine = Engine(
        flows=content.flows,
        actions=content.actions,
        messages=content.messages,
        redact=redactor,
        max_answer_chars=settings.max_answer_chars,
        timezone=ZoneInfo(settings.timezone),
        signposting=content.signposting,
        notice=content.notice,
        crisis_second_opinion=second_opinion,
        lens=None if isinstance(lens, NullLens) else lens,
        lens_content=content.lens,
    )
    pseudonymiser = Pseudonymiser(settings.pseudonym_key)
    address_cipher = AddressCipher(settings.encryption_key)
    knowledge = LazyKnowledge(knowledge_config(settings) if settings.knowledge_enabled else None)
    return Services(
        settings=settings,
        content=content,
        database=database,
        redactor=redactor,
        engine=engine,
        conversation=Conversation(
            engine=engine,
            database=database,
            pseudonymiser=pseudonymiser,
            knowledge=knowledge,
            address_cipher=address_cipher,
            lens_prefetch=lens.prefetch if isinstance(lens, PrefetchingLens) else None,
            crisis_prefetch=(
                second_opinion.prefetch if isinstance(second_opinion, Prefetched) else None
            ),
        ),
        pseudonymiser=pseudonymiser,
        address_cipher=address_cipher,
        knowledge=knowledge,
        lens=lens,
    )


def crisis_second_opinion(settings: Settings) -> SecondOpinion | None:
    """The crisis check's embedding layer when ``COACH_CRISIS_EMBEDDINGS`` is on, else None.

    Its sentence model is loaded here, at start, and runs on one thread: a message at a time,
    beside the rest of the bot's work.
    """
    if not settings.crisis_embeddings:
        return None
    from bot.knowledge.embeddings import OnnxEmbedder, default_model_files, model_files_in
    from bot.safety.semantic import SemanticCheck, load_classifier

    directory = settings.embedding_model_dir
    files = model_files_in(directory) if directory else default_model_files()
    embedder = OnnxEmbedder(files, threads=1)
    check = SemanticCheck(embedder.embed, load_classifier(embedding_model=files.fingerprint))
    # Made ready on a worker thread before the turn (see bot.prefetch): the turn then finds it.
    return Prefetched(check)


def build_lens(settings: Settings) -> Lens:
    """The reasoning lens, loaded and checked now so a bad model stops the start (raises
    ``LensModelError`` naming the problem); ``NullLens`` when it is switched off."""
    if not settings.lens_enabled:
        return NullLens()
    from bot.lens.detector import bundled_detector

    return PrefetchingLens(bundled_detector())


def knowledge_config(settings: Settings) -> KnowledgeConfig:
    return KnowledgeConfig(
        store_dir=settings.data_dir / "knowledge",
        chroma_url=settings.chroma_url,
        model_dir=settings.embedding_model_dir,
        cards_dir=settings.resolved_knowledge_dir,
        fusion=settings.retrieval_fusion,
        threshold=settings.relevance_threshold,
        auto_ingest=settings.knowledge_auto_ingest,
    )
