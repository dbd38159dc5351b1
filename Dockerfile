# The coach as a container. Without arguments it opens the terminal coach; with a Telegram token
# and production settings it will run the bot once that transport lands.
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
ENTRYPOINT ["coach"]
CMD ["chat"]
