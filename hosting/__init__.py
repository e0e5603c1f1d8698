"""Hosting: the headers a server sends (nginx, _headers), compressed copies, the checks before publishing, and
publishing to our own server (README.md in this folder)."""
