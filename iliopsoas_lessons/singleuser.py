"""A learner's server on the class hub: ``jupyterhub-singleuser``, started
without the imports a class never uses.

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

jupyterhub.singleuser logs requests with ``jupyterhub.log``, which imports
the hub's own request handlers for one class (HealthCheckHandler, so that the
hub's health checks are logged quietly); those handlers bring the hub's
database layer (jupyterhub.orm: SQLAlchemy's ORM, alembic, mako and, through
mako, pygments' lexers), and ``jupyterhub.metrics`` imports jupyterhub.orm
too. A learner's server has no database and serves no hub health check: the
handlers and the ORM get stand-ins that load the real modules if anything
uses them (measured: importing jupyterhub.singleuser took 0.9 s of CPU, 0.65 s
with the stand-ins).

Standard library only, and nothing of the package: the server is not a lesson.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

# the module deferred, and the one function jsonschema takes from it
DEFERRED = ("rfc3987_syntax", "is_valid_syntax")


def defer_import(name: str, function: str | None = None) -> types.ModuleType | None:
    """Put a stand-in for module ``name`` in sys.modules whose ``function`` (if
    given) loads the real module on its first call and calls it; anything else
    taken from the stand-in loads it too. A package's stand-in keeps the real
    package's ``__path__``, so that its submodules import without its
    ``__init__``. Nothing is done (None) if the module is already loaded or not
    installed."""
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

    if spec.submodule_search_locations is not None:
        stand_in.__path__ = list(spec.submodule_search_locations)
    if function is not None:
        setattr(stand_in, function, call)
    stand_in.__getattr__ = other
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:  # as the import system does: `import a.b` then a.b.x works
        setattr(sys.modules[parent], child, stand_in)
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


class _NoHubHealthCheck:
    """What jupyterhub.log takes for the hub's HealthCheckHandler while the
    hub's handlers are not loaded: no handler of a learner's server is one."""


def skip_hub_database() -> bool:
    """Let jupyterhub.singleuser load without the hub's request handlers and its
    ORM (stand-ins that load the real modules if anything uses them); whether
    the stand-ins were put in place (False: JupyterHub not installed, or those
    modules already loaded)."""
    names = ("jupyterhub.handlers", "jupyterhub.handlers.pages", "jupyterhub.orm", "jupyterhub.log")
    if importlib.util.find_spec("jupyterhub") is None or any(n in sys.modules for n in names):
        return False
    if defer_import("jupyterhub.handlers") is None:
        return False
    pages = defer_import("jupyterhub.handlers.pages")  # found through the stand-in's __path__
    if pages is None:
        del sys.modules["jupyterhub.handlers"]
        return False
    pages.HealthCheckHandler = _NoHubHealthCheck
    defer_import("jupyterhub.orm")
    return True


def main() -> int | None:
    defer_import(*DEFERRED)
    skip_yarn_config()
    skip_hub_database()
    from jupyterhub.singleuser import main as singleuser

    return singleuser()


if __name__ == "__main__":
    sys.exit(main())
