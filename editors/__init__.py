"""The editors' tools: the preview, new files, the translation catalogs, the content model's documentation and
the web editor's configuration (README.md, "Writing, checking, previewing")."""
