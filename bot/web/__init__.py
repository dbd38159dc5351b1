"""The staff dashboard: a server-rendered FastAPI app, started by ``coach web``.

``bot.web.app.create_app(services)`` builds it. This package's ``__init__`` imports nothing, so
the command line can use ``bot.web.passwords`` without loading the web framework.
"""
