# CarCare Bot in a container: the README's own install steps in a slim Python, run as a user of
# its own, the database in a volume. Build: `docker build -t carcare-bot .` (podman alike).
# Details, with compose and the systemd unit: docs/deploy.md.
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 carcare \
    && useradd --system --uid 10001 --gid carcare --home-dir /app --no-create-home carcare

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY storage ./storage
COPY domain ./domain
# The README's first command, as it is: what the tests install is what runs here.
RUN python3 -m venv .venv && .venv/bin/pip install -q -e . \
    && mkdir -p data backups && chown carcare:carcare data backups && chmod 0700 data backups

USER carcare
ENV PATH=/app/.venv/bin:$PATH \
    DATABASE_URL=sqlite:////app/data/carcare.sqlite3 \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    MPLCONFIGDIR=/tmp/matplotlib
# The database (and its -wal, -shm and .lock files); backups go to /app/backups.
VOLUME ["/app/data"]
# /healthz, Twilio's webhooks and media, the Telegram webhook: publish it only when WhatsApp or
# the webhook is on (compose.web.yaml); the health check uses it inside the container.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('HTTP_PORT', '8080'), timeout=4)"]
# SIGTERM drains: the bot stops receiving, finishes what it holds, closes the database (what is
# still queued stays queued). Give it 30 s (compose: stop_grace_period; docker stop -t 30), and
# an init (compose: init: true; docker run --init) to reap the chart process and pass signals.
STOPSIGNAL SIGTERM
ENTRYPOINT ["carcare-bot"]
CMD ["run"]
