"""gunicorn settings for every way the web process runs (Dockerfile, docker-compose, docs/operations.md).
gunicorn reads this file from its working directory; the commands also name it (-c) to be explicit.

Command-line options (bind, workers, access log) stay on the command line of each deployment.
"""

# The access log redacts the tokens of e-mailed links (consultancy/gunicorn_logging.py).
logger_class = "consultancy.gunicorn_logging.RedactingLogger"

# gunicorn trusts no forwarded header from anyone, not even 127.0.0.1 (its default): otherwise any
# local process, or a proxy that passes the client's own X-Forwarded-Proto through, could make a plain
# HTTP request look like HTTPS to Django. Behind a proxy, Django alone reads X-Forwarded-Proto and
# X-Forwarded-For, and only when DJANGO_BEHIND_PROXY is set (consultancy/settings.py).
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}
