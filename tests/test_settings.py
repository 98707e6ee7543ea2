"""12-factor settings: production refuses the development secret key; bad values give clear errors."""

import os
import subprocess
import sys


def load_settings(**env):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    full = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "PARLEY_ENV", "DATABASE_URL", "DEBUG"}}
    full.update(DJANGO_SETTINGS_MODULE="parley.settings", **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full)


def test_production_refuses_the_default_secret_key(tmp_path):
    result = load_settings(PARLEY_ENV="production", PARLEY_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_key(tmp_path):
    result = load_settings(PARLEY_ENV="production", SECRET_KEY="k" * 50, PARLEY_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_database_url_is_read(tmp_path):
    result = load_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/x", PARLEY_DATA_DIR=str(tmp_path))
    assert result.stdout.strip() == "django.db.backends.postgresql"
    assert load_settings(PARLEY_DATA_DIR=str(tmp_path)).stdout.strip() == "django.db.backends.sqlite3"


def test_bad_boolean_is_a_clear_error(tmp_path):
    result = load_settings(DEBUG="maybe", PARLEY_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_cli_accepts_hyphenated_command_names(tmp_path):
    env = {**os.environ, "PARLEY_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "parley", "import-feed", "--help"], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "--site" in result.stdout


def test_the_task_backend_is_named_or_given_by_its_path(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"

    def backend(value):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "parley.settings", "PARLEY_DATA_DIR": str(tmp_path),
               "PARLEY_TASKS_BACKEND": value}
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)

    assert backend("").stdout.strip() == "django.tasks.backends.immediate.ImmediateBackend"
    assert backend("database").stdout.strip() == "django_tasks_db.DatabaseBackend"
    assert backend("django.tasks.backends.dummy.DummyBackend").stdout.strip() == "django.tasks.backends.dummy.DummyBackend"
    wrong = backend("celery")
    assert wrong.returncode != 0 and "PARLEY_TASKS_BACKEND must be immediate, database" in wrong.stderr


def test_the_worker_command_is_available(tmp_path):
    env = {**os.environ, "PARLEY_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "parley", "db_worker", "--help"], capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stderr
    assert "--batch" in result.stdout
