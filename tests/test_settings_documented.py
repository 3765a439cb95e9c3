"""Every setting is documented, and the app refuses a default secret outside demo mode."""

import os
import subprocess
import sys
from pathlib import Path

from bornglobal import conf

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_has_help_text_and_a_row_in_the_readme():
    # given the declared settings and the README
    readme = README.read_text()
    # then each has a help text of substance and appears in the configuration table
    for setting in conf.SETTINGS:
        assert len(setting.help) > 20, setting.name
        assert f"| `{setting.name}` |" in readme, f"{setting.name} missing from README"


def test_settings_read_by_django_are_all_declared():
    # given the settings module's source
    source = (Path(conf.__file__).parent / "settings.py").read_text()
    declared = {s.name for s in conf.SETTINGS}
    # when we collect every conf.get("NAME") call
    import re

    used = set(re.findall(r'conf\.get\("([A-Z_]+)"\)', source))
    # then each is declared (and so documented)
    assert used <= declared and used


def _start_django(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "BORNGLOBAL_DEMO", "DJANGO_SETTINGS_MODULE")
    }
    env.update(env_overrides)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='bornglobal.settings'; "
        "django.setup(); print('started')"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_refuses_to_start_without_a_secret_outside_demo_mode(tmp_path):
    # when the app starts with no SECRET_KEY and demo mode off
    result = _start_django({"BORNGLOBAL_DATA_DIR": str(tmp_path)})
    # then it stops with a message naming SECRET_KEY
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_refuses_the_demo_secret_outside_demo_mode(tmp_path):
    # when the published demo key is set explicitly outside demo mode
    result = _start_django(
        {"BORNGLOBAL_DATA_DIR": str(tmp_path), "SECRET_KEY": conf.DEMO_SECRET_KEY}
    )
    # then it is refused too
    assert result.returncode != 0


def test_starts_in_demo_mode_without_a_secret(tmp_path):
    # when demo mode is on
    result = _start_django({"BORNGLOBAL_DATA_DIR": str(tmp_path), "BORNGLOBAL_DEMO": "1"})
    # then it starts
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_a_malformed_setting_is_named(tmp_path):
    # when a number setting holds a word
    result = _start_django(
        {
            "BORNGLOBAL_DATA_DIR": str(tmp_path),
            "BORNGLOBAL_DEMO": "1",
            "BORNGLOBAL_API_PAGE_SIZE": "lots",
        }
    )
    # then the error names the setting
    assert result.returncode != 0
    assert "BORNGLOBAL_API_PAGE_SIZE" in result.stderr


def test_readme_table_is_generated_from_the_help_texts():
    # given the README and the tool that writes its table
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "sync_readme", README.parent / "tools" / "sync_readme.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    # when the table is regenerated, then the README already says exactly that
    assert tool.synced(README.read_text()) == README.read_text(), (
        "run: python tools/sync_readme.py")
