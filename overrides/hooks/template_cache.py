"""Hook: theme templates are compiled once per process, not once per language and per rebuild.

See guidance.plugin.template_cache for why and how.
"""

from guidance.plugin.template_cache import CACHE


def on_env(env, config, files):
    env.bytecode_cache = CACHE
    return env
