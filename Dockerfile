# One image for web, worker and beat. Pango and CJK fonts are here because WeasyPrint renders the
# advice letters in the worker, in English and Chinese.

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
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input \
 && DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv \
 && useradd --create-home --uid 1000 app \
 && mkdir -p /app/var/private && chown -R app:app /app/var

USER app
EXPOSE 8000
CMD ["gunicorn", "consultancy.wsgi:application", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
