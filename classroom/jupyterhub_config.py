"""A JupyterHub for one machine: the class rehearsal that `make hub` starts and tests/classroom/test_classroom.py drives.

Everything listens on 127.0.0.1 only. Students log in with any user name and the shared class password
(DummyAuthenticator: for a rehearsal, never for a real class); each gets a single-user JupyterLab started as
a local process from this project's environment, which has rut_edu, its data and nbgitpuller installed, with
a home folder under the state folder. A real class runs Zero to JupyterHub instead (see z2jh-config.yaml and
the teacher's guide).

Settings from the environment: RUT_HUB_PORT (default 8010), RUT_HUB_STATE (default _build/hub) and
RUT_HUB_PASSWORD (default "rut-edu-class").
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

here = Path(__file__).resolve().parent
state = Path(os.environ.get("RUT_HUB_STATE", here.parent / "_build" / "hub")).resolve()
(state / "home").mkdir(parents=True, exist_ok=True)
port = int(os.environ.get("RUT_HUB_PORT", "8010"))
venv_bin = Path(sys.executable).parent

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
c.ConfigurableHTTPProxy.command = [str(here / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("RUT_HUB_PASSWORD", "rut-edu-class")
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
c.Spawner.cmd = [str(venv_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 60
# A server that died (a crash, a memory limit) is noticed within 10 s, and the student offered to start it again.
c.Spawner.poll_interval = 10
c.Spawner.http_timeout = 60
# The single-user servers run from this environment; keep its PATH so git (for nbgitpuller) and python resolve.
c.Spawner.environment = {"PATH": f"{venv_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
# No extension manager: it would look packages up on PyPI, and a class hub installs nothing at run time.
c.Spawner.args = ["--LabApp.extension_manager=readonly"]
# No "get notified about official Jupyter news?" prompt and no update check for a class: each student's
# JupyterLab starts with these notification settings (written once; a student may change them later).
NOTIFICATION_SETTINGS = '{"fetchNews": "false", "checkForUpdates": false}\n'


def quiet_notifications(spawner):
    home = Path(spawner.home_dir)
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    target = settings / "notification.jupyterlab-settings"
    if not target.exists():
        target.write_text(NOTIFICATION_SETTINGS)


c.Spawner.pre_spawn_hook = quiet_notifications
if os.geteuid() == 0:
    # Containers and CI run as root; SimpleLocalProcessSpawner runs every student as the hub's own user.
    c.Spawner.args.append("--allow-root")
