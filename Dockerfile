# One image for every newsflow service; the command picks the service (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 NEWSFLOW_LOG_FORMAT=json
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY schemas ./schemas
COPY services ./services
RUN pip install -c constraints.txt . && useradd --system --uid 10001 newsflow && mkdir -p /data \
    && chown newsflow /data
USER newsflow
ENV NEWSFLOW_DATA_DIR=/data
ENTRYPOINT ["newsflow"]
CMD ["--help"]
