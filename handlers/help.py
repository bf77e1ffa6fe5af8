"""/help (/hulp): the commands this person may use, organiser commands only for organisers."""

from __future__ import annotations

from bot.core.i18n import Texts
from bot.core.messages import Reply
from bot.kernel.services import Command, Context, Registry

TEXTS = Texts(
    {
        "header": {
            "nl": "Wat ik kan (typ een commando, bijvoorbeeld /les corporaties):",
            "en": "What I can do (type a command, for example /lesson corporaties):",
        },
        "organiser_header": {"nl": "Voor organisatoren:", "en": "For organisers:"},
        "footer": {
            "nl": "Meer over één commando: /help <commando>, bijvoorbeeld /help les.",
            "en": "More about one command: /help <command>, for example /help lesson.",
        },
        "detail": {
            "nl": "/{name}: {help}\nGebruik: {usage}{aliases}",
            "en": "/{name}: {help}\nUsage: {usage}{aliases}",
        },
        "aliases": {"nl": "\nOok: {aliases}", "en": "\nAlso: {aliases}"},
        "unknown": {
            "nl": "Het commando /{name} ken ik niet. Typ /help voor het overzicht.",
            "en": "I don't know the command /{name}. Type /help for the overview.",
        },
    }
)


async def help_command(ctx: Context) -> Reply:
    def line(command: Command) -> str:
        about = command.help_en if ctx.lang == "en" else command.help_nl
        return f"/{command.shown_name(ctx.lang)} – {about}"

    if ctx.args:
        wanted = ctx.args.split()[0].lstrip("/").lower()
        command = ctx.services.registry.find(wanted)
        if command is None or (command.organiser_only and not ctx.is_organiser):
            return Reply(ctx.t(TEXTS, "unknown", name=wanted[:40]))
        aliases = ""
        others = [n for n in (command.name, *command.aliases) if n != command.shown_name(ctx.lang)]
        if others:
            aliases = ctx.t(TEXTS, "aliases", aliases=", ".join(f"/{a}" for a in others))
        return Reply(
            ctx.t(
                TEXTS,
                "detail",
                name=command.shown_name(ctx.lang),
                help=command.help_en if ctx.lang == "en" else command.help_nl,
                usage=command.shown_usage(ctx.lang),
                aliases=aliases,
            )
        )
    commands = ctx.services.registry.visible_commands(ctx.is_organiser)
    lines = [ctx.t(TEXTS, "header")]
    lines += [line(c) for c in commands if not c.organiser_only]
    organiser_lines = [line(c) for c in commands if c.organiser_only]
    if organiser_lines:
        lines += ["", ctx.t(TEXTS, "organiser_header"), *organiser_lines]
    lines += ["", ctx.t(TEXTS, "footer")]
    return Reply("\n".join(lines))


def register(registry: Registry) -> None:
    registry.command(
        "help",
        help_command,
        aliases=("hulp", "h", "commando", "commands"),
        help_nl="dit overzicht",
        help_en="this overview",
        usage="/help [commando]",
    )


def command_tables(registry: Registry) -> str:
    """The README's tables of chat commands (participants, then organisers), in Markdown,
    made from what is registered so that they never say something else than the bot does."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    def table(commands: list[Command]) -> list[str]:
        rows = ["| command | wat het doet | what it does |", "| --- | --- | --- |"]
        for c in commands:
            also = f" (`/{c.name_en}`)" if c.name_en else ""
            usage = cell(c.usage or f"/{c.name}")
            rows.append(f"| `{usage}`{also} | {cell(c.help_nl)} | {cell(c.help_en)} |")
        return rows

    commands = list(registry.commands.values())
    lines = ["### For participants", ""]
    lines += table([c for c in commands if not c.organiser_only])
    lines += ["", "### For organisers", ""]
    lines += table([c for c in commands if c.organiser_only])
    return "\n".join(lines) + "\n"
