"""Publishing: XSLT 3.0 transforms run with saxonche, atomic output, the website build and its search index."""
