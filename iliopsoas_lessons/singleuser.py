"""A learner's server on the class hub: ``jupyterhub-singleuser``, started
without the one import a class never uses.

    python -m iliopsoas_lessons.singleuser [jupyterhub-singleuser's options]

deploy/jupyterhub/ runs every learner's server this way. jupyter_server loads
jupyter_events, which loads jsonschema, which imports rfc3987_syntax for its
"iri" format check; that module builds its Lark parsers as it is imported,
about 1.3 s of CPU in every learner's server (measured: importing
jupyterhub.singleuser takes 2.0 s of CPU with it, 0.8 s without), a third of
what a learner's start costs. pip installs it wherever jupyter-events is
installed (jsonschema[format-nongpl]): the hub guides' pip and repo2docker
installs get it, only uv's lock keeps it out. No schema a Jupyter server
checks names that format, so a stand-in takes its place and loads the real
module only if something ever asks for the check.

JupyterLab, as it is imported, asks Node for yarn's configuration (``node
yarn.js config --json``, for the npm registry its extension manager would
install from): about 0.35 s of CPU in a child process of every learner's
server wherever ``node`` is on the PATH, as it is on a hub that runs
configurable-http-proxy or in a repo2docker image. A learner's server installs
no extension, so it answers as JupyterLab does on a machine without Node
(the default registry); ``jupyter labextension`` and ``jupyter lab`` run
elsewhere are untouched.

Standard library only, and nothing of the package: the server is not a lesson.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

# the module deferred, and the one function jsonschema takes from it
DEFERRED = ("rfc3987_syntax", "is_valid_syntax")


def defer_import(name: str, function: str) -> types.ModuleType | None:
    """Put a stand-in for module ``name`` in sys.modules whose ``function`` loads
    the real module on its first call and calls it; anything else taken from the
    stand-in loads it too. Nothing is done (None) if the module is already
    loaded or not installed."""
    if name in sys.modules:
        return None
    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    stand_in = types.ModuleType(name)
    stand_in.__spec__ = spec

    def real() -> types.ModuleType:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name)

    def call(*args, **kwargs):
        return getattr(real(), function)(*args, **kwargs)

    def other(attr: str):
        if attr.startswith("__"):  # the import system asks for __path__ and the like: not a use
            raise AttributeError(attr)
        return getattr(real(), attr)

    setattr(stand_in, function, call)
    stand_in.__getattr__ = other
    sys.modules[name] = stand_in
    return stand_in


def no_yarn_config(logger=None) -> dict:
    """What JupyterLab's ``_yarn_config`` returns where Node is not found."""
    return {"yarn config": {}, "npm config": {}}


def skip_yarn_config() -> bool:
    """Let JupyterLab (if installed) skip its call to Node for yarn's configuration;
    whether it was skipped (False: no JupyterLab, or one without that call)."""
    if importlib.util.find_spec("jupyterlab") is None:
        return False
    from jupyterlab import commands

    if not callable(getattr(commands, "_yarn_config", None)):
        return False
    commands._yarn_config = no_yarn_config
    return True


def main() -> int | None:
    defer_import(*DEFERRED)
    skip_yarn_config()
    from jupyterhub.singleuser import main as singleuser

    return singleuser()


if __name__ == "__main__":
    sys.exit(main())
