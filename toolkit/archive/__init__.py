"""Archival export (BagIt with Dublin Core and an inventory) and deposit into a BaseX database."""
