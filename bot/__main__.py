"""`python -m bot` is the `copbot` command."""

from bot.cli import main

main()
