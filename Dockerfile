# copbot: one container serves Telegram, Slack and the HTTP endpoints; SQLite lives in /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    COPBOT_DATABASE_URL=sqlite+aiosqlite:////data/copbot.db \
    COPBOT_HTTP_HOST=0.0.0.0 \
    COPBOT_HTTP_PORT=8080

RUN useradd --create-home --uid 10001 copbot \
    && mkdir /data && chown copbot:copbot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY scheduler ./scheduler
RUN pip install .

USER copbot
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('COPBOT_HTTP_PORT', '8080'), timeout=4)" || exit 1

CMD ["copbot", "run"]
