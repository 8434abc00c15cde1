"""Package data: the stylesheets, shipped as ``toolkit.xslt`` (see toolkit/resources.py)."""
