"""Composition root: settings, the application factory and the ``dondoc`` command line."""
