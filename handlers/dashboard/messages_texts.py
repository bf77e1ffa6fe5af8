"""Words of the messages page: the outbox per meeting and kind (keys start with messages_)."""

WORDS: dict[str, dict[str, str]] = {
    "messages_title": {"nl": "Berichten", "en": "Messages"},
    "messages_intro": {
        "nl": "Alles wat de bot uit zichzelf verstuurt (herinneringen, omroepen, maatjes, "
        "boeken, peilingen), per bijeenkomst en soort.",
        "en": "Everything the bot sends on its own (reminders, broadcasts, buddies, books, "
        "polls), per meeting and kind.",
    },
    "messages_none": {"nl": "Nog geen berichten verstuurd.", "en": "No messages sent yet."},
    "messages_totals": {"nl": "Alle berichten", "en": "All messages"},
    "messages_meeting_gone": {"nl": "Bijeenkomst {number}", "en": "Meeting {number}"},
    "messages_other": {"nl": "Zonder bijeenkomst", "en": "Not tied to a meeting"},
    "messages_col_kind": {"nl": "Soort", "en": "Kind"},
    "messages_col_sent": {"nl": "Verstuurd", "en": "Sent"},
    "messages_col_pending": {"nl": "Wacht", "en": "Pending"},
    "messages_col_failed": {"nl": "Mislukt", "en": "Failed"},
    "messages_col_uncertain": {"nl": "Onzeker", "en": "Uncertain"},
    "messages_col_withdrawn": {"nl": "Niet nodig", "en": "Withdrawn"},
    "messages_col_to": {"nl": "Aan", "en": "To"},
    "messages_col_status": {"nl": "Status", "en": "Status"},
    "messages_col_error": {"nl": "Foutmelding", "en": "Error"},
    "messages_col_when": {"nl": "Gemaakt", "en": "Made"},
    "messages_col_action": {"nl": "Actie", "en": "Action"},
    "messages_status_failed": {"nl": "mislukt", "en": "failed"},
    "messages_status_uncertain": {"nl": "onzeker", "en": "uncertain"},
    "messages_problems": {
        "nl": "Mislukt of onzeker ({count})",
        "en": "Failed or uncertain ({count})",
    },
    "messages_problems_none": {
        "nl": "Geen mislukte of onzekere berichten.",
        "en": "No failed or uncertain messages.",
    },
    "messages_problems_range": {
        "nl": "Nummer {first} tot en met {last} van {count}, nieuwste eerst.",
        "en": "Number {first} to {last} of {count}, newest first.",
    },
    "messages_newer": {"nl": "Nieuwere", "en": "Newer"},
    "messages_more": {"nl": "Meer (oudere)", "en": "More (older)"},
    "messages_pages": {"nl": "Bladeren", "en": "Pages"},
    "messages_chat": {"nl": "(een chat)", "en": "(a chat)"},
    "messages_no_error": {"nl": "(geen melding)", "en": "(no message)"},
    "messages_resend": {"nl": "Opnieuw versturen…", "en": "Send once more…"},
    "messages_resend_all": {
        "nl": "Alle {count} onzekere berichten opnieuw versturen…",
        "en": "Send all {count} uncertain messages once more…",
    },
    "messages_resend_all_one": {
        "nl": "Het onzekere bericht opnieuw versturen…",
        "en": "Send the uncertain message once more…",
    },
    "messages_uncertain_note": {
        "nl": "Onzeker: de bot weet niet of het bericht aankwam (het was onderweg toen de "
        "bot stopte of de verbinding wegviel). Het wordt nooit vanzelf opnieuw verstuurd.",
        "en": "Uncertain: the bot cannot tell whether the message arrived (it was on its way "
        "when the bot stopped or the connection dropped). It is never resent by itself.",
    },
    "messages_confirm_title": {"nl": "Opnieuw versturen?", "en": "Send once more?"},
    "messages_confirm_text": {
        "nl": "Van {count} berichten weet de bot niet of ze zijn aangekomen. Verstuur je ze "
        "opnieuw, dan krijgt wie het al had het twee keer.",
        "en": "The bot cannot tell whether {count} messages arrived. If you send them once "
        "more, whoever already had one gets it twice.",
    },
    "messages_confirm_text_one": {
        "nl": "Van 1 bericht weet de bot niet of het is aangekomen. Verstuur je het opnieuw, "
        "dan krijgt de ontvanger het twee keer als het al was aangekomen.",
        "en": "The bot cannot tell whether 1 message arrived. If you send it once more, its "
        "recipient gets it twice if it had already arrived.",
    },
    "messages_confirm_kind": {"nl": "Soort: {kind}", "en": "Kind: {kind}"},
    "messages_confirm_all": {"nl": "Alle soorten", "en": "All kinds"},
    "messages_confirm_to": {"nl": "Aan wie", "en": "To whom"},
    "messages_confirm_and_more": {"nl": "en nog {count}", "en": "and {count} more"},
    "messages_confirm_button": {
        "nl": "Ja, verstuur opnieuw (kan twee keer aankomen)",
        "en": "Yes, send once more (may arrive twice)",
    },
    "messages_confirm_back": {"nl": "Nee, terug", "en": "No, go back"},
    "messages_confirm_nothing": {
        "nl": "Er zijn (nu) geen onzekere berichten van deze soort.",
        "en": "There are no uncertain messages of this kind (now).",
    },
    "messages_resent": {
        "nl": "{count} berichten gaan opnieuw de deur uit; wie ze al had, krijgt ze twee keer.",
        "en": "{count} messages go out once more; whoever already had them gets them twice.",
    },
    "messages_resent_one": {
        "nl": "1 bericht gaat opnieuw de deur uit; had de ontvanger het al, dan krijgt die het "
        "twee keer.",
        "en": "1 message goes out once more; if its recipient already had it, they get it twice.",
    },
    "messages_why_blocked": {
        "nl": "heeft de bot geblokkeerd",
        "en": "has blocked the bot",
    },
    "messages_why_unreachable": {
        "nl": "onbereikbaar: nooit een gesprek met de bot begonnen, of het account is weg",
        "en": "unreachable: never started a chat with the bot, or the account is gone",
    },
    "messages_why_uncertain": {
        "nl": "geen antwoord van het platform: misschien wel aangekomen",
        "en": "no answer from the platform: it may have arrived",
    },
    "messages_why_gave_up": {
        "nl": "na herhaalde pogingen opgegeven",
        "en": "given up after repeated tries",
    },
    "messages_already": {
        "nl": "Die berichten zijn al opnieuw verstuurd (of niet meer onzeker): er ging "
        "niets de deur uit.",
        "en": "Those messages were already sent once more (or are no longer uncertain): "
        "nothing was sent.",
    },
    "messages_kind_reminder": {"nl": "herinnering", "en": "reminder"},
    "messages_kind_announce": {"nl": "aankondiging", "en": "announcement"},
    "messages_kind_rsvp-nudge": {"nl": "vraag om aanmelding", "en": "RSVP nudge"},
    "messages_kind_maybe-nudge": {"nl": "vraag aan twijfelaars", "en": "nudge to maybes"},
    "messages_kind_logistics": {"nl": "praktische informatie", "en": "practical information"},
    "messages_kind_moved": {"nl": "verplaatst", "en": "moved"},
    "messages_kind_cancelled": {"nl": "afgelast", "en": "cancelled"},
    "messages_kind_broadcast": {"nl": "omroep", "en": "broadcast"},
    "messages_kind_room-free": {"nl": "plek vrij", "en": "place free"},
    "messages_kind_rsvp-request": {"nl": "aanmeldverzoek", "en": "RSVP request"},
    "messages_kind_buddy": {"nl": "maatjes", "en": "buddies"},
    "messages_kind_book": {"nl": "leesclub", "en": "book club"},
    "messages_kind_memory": {"nl": "geheugen", "en": "memory"},
    "messages_kind_poll": {"nl": "peiling", "en": "poll"},
    "messages_kind_prep": {"nl": "voorbereiding", "en": "preparation"},
    "messages_kind_programme": {"nl": "programma", "en": "programme"},
    "messages_kind_programme-change": {"nl": "programmawijziging", "en": "programme change"},
    "messages_kind_outbox": {"nl": "melding aan organisatoren", "en": "notice to organisers"},
}
