"""The dashboard's routes, one module per audience; who may use each is in ``bot.web.access``."""
