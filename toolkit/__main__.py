"""``python -m toolkit`` runs the ``edition`` command."""

from toolkit.cli import main

main(prog_name="edition")
