"""Texts of /les, /vannaar, /citaat and /tien (the booklet's own text stays Dutch)."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        # -- /les -------------------------------------------------------------------------
        "themes_intro": {
            "nl": "Kies een thema uit het boekje. Typ ook gewoon je vraag: "
            "/les hoe werk ik samen met corporaties?",
            "en": "Choose a theme from the booklet. Or just type your question: "
            "/les how do I work with housing corporations?",
        },
        "page_header": {
            "nl": "Lessen bij “{query}” ({first}–{last} van {total}):",
            "en": "Lessons for “{query}” ({first}–{last} of {total}):",
        },
        "more_header": {
            "nl": "Meer lessen ({first}–{last} van {total}):",
            "en": "More lessons ({first}–{last} of {total}):",
        },
        "section_header": {
            "nl": "{title} ({count} lessen):",
            "en": "{title} ({count} lessons):",
        },
        "section_header_one": {"nl": "{title} (1 les):", "en": "{title} (1 lesson):"},
        "table_header": {"nl": "{title}:", "en": "{title}:"},
        "dilemmas_header": {
            "nl": "Dilemma's bij het verankeren van de wijkenaanpak:",
            "en": "Dilemmas in embedding the neighbourhood approach:",
        },
        "dilemma": {"nl": "dilemma", "en": "dilemma"},
        "chat": {
            "nl": "Hallo {name}! Vraag me gerust iets, bijvoorbeeld: hoe werk ik samen met "
            "woningcorporaties? Of typ /help voor alles wat ik kan.",
            "en": "Hello {name}! Feel free to ask me something, for example: how do I work "
            "with housing corporations? Or type /help for everything I can do.",
        },
        "no_lesson": {
            "nl": "Daar heb ik geen les over.",
            "en": "I have no lesson about that.",
        },
        "no_lesson_themes": {
            "nl": "Dit zijn de thema's van het boekje:",
            "en": "These are the booklet's themes:",
        },
        "no_lesson_help": {
            "nl": "Typ /help voor alles wat ik kan.",
            "en": "Type /help for everything I can do.",
        },
        "did_you_mean": {
            "nl": "Bedoelde je “{suggestion}”?",
            "en": "Did you mean “{suggestion}”?",
        },
        "did_you_mean_button": {
            "nl": "Bedoelde je: {suggestion}?",
            "en": "Did you mean: {suggestion}?",
        },
        "did_you_mean_typed": {
            "nl": "Bedoelde je “{suggestion}”? Typ /les {suggestion}",
            "en": "Did you mean “{suggestion}”? Type /les {suggestion}",
        },
        "button_more": {"nl": "meer", "en": "more"},
        "button_section": {"nl": "hele paragraaf §{number}", "en": "whole section §{number}"},
        "button_appendix": {"nl": "hele bijlage {number}", "en": "whole appendix {number}"},
        "button_table": {"nl": "hele VAN→NAAR-tabel", "en": "whole FROM→TO table"},
        "button_themes": {"nl": "alle thema's", "en": "all themes"},
        # Follows the shared "this button no longer works" answer (bot.kernel.roles).
        "stale_button_hint": {
            "nl": "Typ /les met je onderwerp, bijvoorbeeld /les corporaties.",
            "en": "Type /les with your topic, for example /les corporaties.",
        },
        "in_dutch": {
            "nl": "lessen in het Nederlands / lessons in Dutch",
            "en": "lessen in het Nederlands / lessons in Dutch",
        },
        # Source labels: "§2.4", the appendices by number and title, the movement table.
        "source_section": {"nl": "§{number}", "en": "§{number}"},
        # Beside lessons harvested at later meetings, a booklet lesson says it is one.
        "from_booklet": {"nl": "uit het boekje, {label}", "en": "from the booklet, {label}"},
        "source_bijlage-1": {
            "nl": "Bijlage 1: Tien lessen voor het bouwen van een CoP",
            "en": "Appendix 1: Tien lessen voor het bouwen van een CoP",
        },
        "source_bijlage-2": {
            "nl": "Bijlage 2: Tien inzichten in de sturing van de wijkenaanpak",
            "en": "Appendix 2: Tien inzichten in de sturing van de wijkenaanpak",
        },
        "source_van-naar": {"nl": "VAN→NAAR", "en": "VAN→NAAR (from→to)"},
        # -- /vannaar ---------------------------------------------------------------------
        "vannaar_header": {
            "nl": "Beweging in de wijkenaanpak, VAN → NAAR (de tabel uit het boekje, "
            "{count} rijen):",
            "en": "Movement in the neighbourhood approach, FROM (VAN) → TO (NAAR) "
            "(the booklet's table, {count} rows):",
        },
        "vannaar_row": {
            "nl": "{n}. VAN {van} → NAAR {naar}",
            "en": "{n}. VAN {van} → NAAR {naar}",
        },
        "vannaar_blog_note": {
            "nl": "De blogpost bij het boekje drukt een eigen versie van de tabel af, langer "
            "en deels anders geformuleerd. Typ /vannaar blog voor de verschillen.",
            "en": "The blog post that presented the booklet prints its own version of the "
            "table, longer and partly worded differently. Type /vannaar blog for the "
            "differences.",
        },
        "vannaar_blog_header": {
            "nl": "Verschillen tussen de VAN → NAAR-tabel in het boekje en in de blogpost:",
            "en": "Differences between the FROM → TO table in the booklet and in the blog post:",
        },
        "vannaar_blog_row": {"nl": "{n}. {note}", "en": "{n}. {note}"},
        "vannaar_blog_none": {
            "nl": "Over een andere versie van de tabel weet ik niets.",
            "en": "I know of no other version of the table.",
        },
        "button_blog": {"nl": "verschillen met de blogpost", "en": "differences with the blog"},
        # -- /tien ------------------------------------------------------------------------
        "tien_header": {"nl": "{label}:", "en": "{label}:"},
        "tien_usage": {
            "nl": "Gebruik: /tien (de tien inzichten in de sturing van de wijkenaanpak) of "
            "/tien cop (de tien lessen voor het bouwen van een CoP).",
            "en": "Usage: /tien (the ten insights into steering the neighbourhood approach) or "
            "/tien cop (the ten lessons for building a CoP).",
        },
        "button_full_text": {"nl": "met toelichting", "en": "with explanation"},
        "button_tien_cop": {
            "nl": "tien lessen voor een CoP",
            "en": "ten lessons for a CoP",
        },
        "button_tien_sturing": {
            "nl": "tien inzichten in de sturing",
            "en": "ten insights into steering",
        },
        "tien_empty": {
            "nl": "Die lijst staat (nog) niet in mijn gegevens.",
            "en": "That list is not in my data (yet).",
        },
        # -- /citaat ----------------------------------------------------------------------
        # A quote stays in the booklet's words; the layout is the same in both languages.
        "quote": {
            "nl": "“{text}”\n— {speaker}, {affiliation} (§{section})",
            "en": "“{text}”\n— {speaker}, {affiliation} (§{section})",
        },
        "quote_appendix": {
            "nl": "“{text}”\n— {speaker}, {affiliation} ({section})",
            "en": "“{text}”\n— {speaker}, {affiliation} ({section})",
        },
        "quote_none_for_topic": {
            "nl": "Een citaat over “{topic}” heb ik niet; hier is een ander:",
            "en": "I have no quote about “{topic}”; here is another one:",
        },
        "quote_no_more": {
            "nl": "Meer citaten over dit onderwerp heb ik niet; hier is een ander:",
            "en": "I have no more quotes on this topic; here is another one:",
        },
        "quotes_empty": {
            "nl": "Ik heb (nog) geen citaten.",
            "en": "I have no quotes (yet).",
        },
        "quote_in_dutch": {
            "nl": "citaat in het Nederlands / quote in Dutch",
            "en": "citaat in het Nederlands / quote in Dutch",
        },
        "button_another": {"nl": "nog een", "en": "another one"},
    }
)
