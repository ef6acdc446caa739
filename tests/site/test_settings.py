"""Production settings pass Django's deployment checks; secrets come from the environment."""

import os
import subprocess
import sys


def run_check(env_extra):
    env = {**os.environ, **env_extra}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by browser tests in this process
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "dienhong.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_check(
        {
            "DIENHONG_ENV": "production",
            "DIENHONG_SECRET_KEY": "k" * 20 + "-production-secret-from-the-environment-0123456789",
            "DIENHONG_ALLOWED_HOSTS": "dienhong.quochoi.vn",
            "DIENHONG_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(
        {"DIENHONG_ENV": "production", "DIENHONG_SECRET_KEY": "", "DIENHONG_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "DIENHONG_SECRET_KEY" in result.stderr


def test_passwords_are_hashed_with_argon2_in_production():
    from django.conf import settings

    from dienhong import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTH_USER_MODEL == "accounts.User"
