"""Package data: the schemas, shipped as ``toolkit.schemas`` (see toolkit/resources.py)."""
