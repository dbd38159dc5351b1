"""The reasoning lens: noticing defensive reasoning, thinking traps and ownership in what people
write, without a language model.

A sentence is embedded with the bundled all-MiniLM-L6-v2 (``bot.knowledge.embeddings``) and
scored by a multinomial logistic regression over the embedding, word weights and cue phrases
(``weights``, ``cues``), trained with ``coach lens train`` on ``evals/lens/examples.yaml``
(``training``) into a small, versioned artefact checked at start (``artefact``). The engine sees
only the ``Lens`` protocol (``reading``); the wording of labels and probes is content
(``prompts/lens.yaml``, ``content``).
"""
