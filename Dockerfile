# One image for web, worker and beat. Pango and CJK fonts are here because WeasyPrint renders the
# advice letters in the worker, in English and Chinese.

# The compiled engine (mypyc) is built in its own stage, where the C compiler stays behind.
FROM python:3.11-slim-bookworm AS engine-native
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY assessments/engine assessments/engine
RUN python -m assessments.engine.native_build && test -f var/engine-native/stamp.json

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=0

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 \
      fonts-noto-core fonts-noto-cjk gettext curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
# collectstatic and compilemessages need settings but no secrets or services.
RUN rm -rf var/engine-native \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input \
 && DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv \
 && useradd --create-home --uid 1000 app \
 && mkdir -p /app/var/private && chown -R app:app /app/var
# Used only while its stamp matches these sources (same engine files, same Python as the build stage).
COPY --from=engine-native /app/var/engine-native var/engine-native

USER app
EXPOSE 8000
CMD ["gunicorn", "consultancy.wsgi:application", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
