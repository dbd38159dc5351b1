# The coach as a container. Without arguments it opens the terminal coach; `bot` runs the
# Telegram bot (set COACH_TELEGRAM_TOKEN and production settings; see README.md).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY prompts ./prompts
COPY knowledge ./knowledge
RUN pip install --no-cache-dir build && python -m build --wheel --outdir /wheels

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 coach && mkdir /data && chown coach /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER coach
WORKDIR /home/coach
ENV COACH_DATA_DIR=/data \
    PYTHONUNBUFFERED=1
VOLUME ["/data"]
# Webhook mode only (coach bot --webhook URL); long polling needs no port.
EXPOSE 8443
ENTRYPOINT ["coach"]
CMD ["chat"]
