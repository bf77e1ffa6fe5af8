"""Texts of the collective memory: the two questions after a meeting, curating, the lessons,
the tussenbalans. Dutch first, English too, with the same placeholders."""

from __future__ import annotations

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        # -- asking after the meeting ------------------------------------------------------
        "ask": {
            "nl": "Dank je voor je komst naar bijeenkomst {id} ({theme}, {place}).\n\n"
            "Welke les neem je mee van deze bijeenkomst? Kies bij welk programmaonderdeel "
            "hij hoort en typ hem in één regel. Antwoorden mag, hoeft niet: het kost je "
            "minder dan een minuut.",
            "en": "Thank you for coming to meeting {id} ({theme}, {place}).\n\n"
            "Which lesson do you take from this meeting? Choose the programme item it came "
            "from and type it in one line. Answering is optional and takes under a minute.",
        },
        "button_general": {"nl": "De bijeenkomst als geheel", "en": "The meeting as a whole"},
        "button_skip": {"nl": "Liever niet", "en": "Not this time"},
        "type_lesson": {
            "nl": "Typ je les in één regel{item}. (Met 'stop' houd je op.)",
            "en": "Type your lesson in one line{item}. ('stop' stops.)",
        },
        "about_item": {"nl": " over “{title}”", "en": " about “{title}”"},
        "thanks_lesson": {
            "nl": "Dank je, genoteerd: “{text}”. De voorbereidingsgroep maakt er lessen van; "
            "over drie maanden vraag ik je wat je er in je eigen stad mee deed.",
            "en": "Thank you, noted: “{text}”. The preparation group turns answers into "
            "lessons; in three months I'll ask what you did with it in your own city.",
        },
        "skipped": {
            "nl": "Prima, dan niet. Tot de volgende bijeenkomst!",
            "en": "Fine, not this time. See you at the next meeting!",
        },
        "not_there": {
            "nl": "Deze vraag is voor wie bij bijeenkomst {id} was.",
            "en": "This question is for those who came to meeting {id}.",
        },
        "empty_answer": {
            "nl": "Ik zie geen tekst. Typ je les in één regel, of 'stop'.",
            "en": "I see no text. Type your lesson in one line, or 'stop'.",
        },
        "followup": {
            "nl": "Drie maanden geleden nam je deze les mee van bijeenkomst {id} ({theme}):\n"
            "“{answer}”\n\nWat heb je er in je eigen stad mee gedaan? Eén regel is genoeg; "
            "antwoorden hoeft niet.",
            "en": "Three months ago you took this lesson from meeting {id} ({theme}):\n"
            "“{answer}”\n\nWhat did you do with it in your own city? One line is enough; "
            "answering is optional.",
        },
        "button_tell": {"nl": "Vertellen", "en": "Tell"},
        "type_story": {
            "nl": "Typ in één regel wat je ermee deed. (Met 'stop' houd je op.)",
            "en": "Type in one line what you did with it. ('stop' stops.)",
        },
        "thanks_story": {
            "nl": "Dank je! Dit komt bij bijeenkomst {id} in het collectief geheugen.",
            "en": "Thank you! This goes into the collective memory with meeting {id}.",
        },
        # -- naming consent ------------------------------------------------------------------
        "consent": {
            "nl": "Jouw antwoord is verwerkt in een les van de CoP: “{title}”. Mag je naam "
            "erbij staan als bijdrager, bij deze en latere lessen? (Ik vraag het één keer; "
            "je kunt het later wijzigen met /oogst naam ja of /oogst naam nee.)",
            "en": "Your answer went into a lesson of the CoP: “{title}”. May your name stand "
            "with it as a contributor, for this and later lessons? (I ask once; change it "
            "later with /oogst naam ja or /oogst naam nee.)",
        },
        "button_name_yes": {"nl": "Ja, met naam", "en": "Yes, with my name"},
        "button_name_no": {"nl": "Nee, anoniem", "en": "No, anonymous"},
        "consent_yes": {
            "nl": "Genoteerd: je naam staat bij de lessen waaraan je bijdroeg.",
            "en": "Noted: your name stands with the lessons you contributed to.",
        },
        "consent_no": {
            "nl": "Genoteerd: je bijdragen blijven anoniem.",
            "en": "Noted: your contributions stay anonymous.",
        },
        # -- curating: /oogst ----------------------------------------------------------------
        "harvest_header": {
            "nl": "Oogst van bijeenkomst {id} ({theme}, {date}): {count} antwoorden te doen.",
            "en": "Harvest of meeting {id} ({theme}, {date}): {count} answers to do.",
        },
        "harvest_item": {"nl": "▸ {title}", "en": "▸ {title}"},
        "harvest_general": {"nl": "▸ De bijeenkomst als geheel", "en": "▸ The meeting as a whole"},
        "harvest_answer": {"nl": "  #{id} {text} ({who})", "en": "  #{id} {text} ({who})"},
        "harvest_empty": {
            "nl": "Bijeenkomst {id} heeft geen antwoorden meer te doen.",
            "en": "Meeting {id} has no answers left to do.",
        },
        "harvest_done": {
            "nl": "Al gemaakt: {count} les(sen) (/geschiedenis {id}).",
            "en": "Already made: {count} lesson(s) (/geschiedenis {id}).",
        },
        "harvest_usage": {
            "nl": "Gebruik: /oogst <bijeenkomst>, /oogst <bijeenkomst> samen <#> <#>, "
            "/oogst les <nummer> [titel|tekst|thema|intrekken …], /oogst naam ja|nee.",
            "en": "Usage: /oogst <meeting>, /oogst <meeting> samen <#> <#>, "
            "/oogst les <number> [titel|tekst|thema|intrekken …], /oogst naam ja|nee.",
        },
        "no_meeting": {
            "nl": "Ik ken geen bijeenkomst {ref}. /geschiedenis toont ze.",
            "en": "I know no meeting {ref}. /geschiedenis lists them.",
        },
        "no_past_meeting": {
            "nl": "Er is nog geen afgelopen bijeenkomst om te oogsten.",
            "en": "There is no past meeting to harvest yet.",
        },
        "not_curator": {
            "nl": "Oogsten doen de voorbereidingsgroep van bijeenkomst {id} en de organisatoren.",
            "en": "Harvesting is for meeting {id}'s preparation group and the organisers.",
        },
        "button_make": {"nl": "Maak les #{id}", "en": "Make lesson #{id}"},
        "button_merge": {"nl": "Voeg samen #{id}", "en": "Merge #{id}"},
        "button_skip_answer": {"nl": "Sla over #{id}", "en": "Skip #{id}"},
        "merge_with": {
            "nl": "Met welk antwoord voeg je #{id} samen? (Meer dan twee: /oogst {meeting} "
            "samen {id} <#> <#>.)",
            "en": "Merge #{id} with which answer? (More than two: /oogst {meeting} samen {id} "
            "<#> <#>.)",
        },
        "nothing_to_merge": {
            "nl": "Er is geen ander antwoord om #{id} mee samen te voegen.",
            "en": "There is no other answer to merge #{id} with.",
        },
        "answer_gone": {
            "nl": "Antwoord #{id} is er niet (meer) of is al verwerkt.",
            "en": "Answer #{id} is not there (any more) or was already used.",
        },
        "answer_skipped": {
            "nl": "#{id} overgeslagen. Nog {count} te doen.",
            "en": "#{id} skipped. {count} left to do.",
        },
        # -- the draft -----------------------------------------------------------------------
        "draft": {
            "nl": "Concept-les uit {answers}:\n\nTitel: {title}\nTekst: {text}\nThema: {theme}"
            "\n\nPas aan met de knoppen, of sla op.",
            "en": "Draft lesson from {answers}:\n\nTitle: {title}\nText: {text}\nTheme: {theme}"
            "\n\nEdit with the buttons, or save.",
        },
        "button_save": {"nl": "Opslaan", "en": "Save"},
        "button_title": {"nl": "Titel wijzigen", "en": "Edit title"},
        "button_text": {"nl": "Tekst wijzigen", "en": "Edit text"},
        "button_theme": {"nl": "Thema kiezen", "en": "Choose theme"},
        "button_cancel": {"nl": "Annuleren", "en": "Cancel"},
        "type_title": {"nl": "Typ de nieuwe titel.", "en": "Type the new title."},
        "type_text": {"nl": "Typ de nieuwe tekst.", "en": "Type the new text."},
        "choose_theme": {"nl": "Kies het thema:", "en": "Choose the theme:"},
        "draft_hint": {
            "nl": "Kies eerst met een knop wat je wijzigt (titel of tekst), of sla op.",
            "en": "First choose with a button what to change (title or text), or save.",
        },
        "draft_cancelled": {"nl": "Concept weggegooid.", "en": "Draft discarded."},
        "too_long": {
            "nl": "Dat is te lang (hoogstens {max} tekens).",
            "en": "That is too long (at most {max} characters).",
        },
        "saved": {
            "nl": "Les L{id} opgeslagen bij bijeenkomst {meeting}: “{title}”. Vindbaar met "
            "/les; de bijdragers vraag ik (één keer) of hun naam erbij mag.",
            "en": "Lesson L{id} saved with meeting {meeting}: “{title}”. Found by /les; I ask "
            "the contributors (once) whether their name may stand with it.",
        },
        # -- lessons: show, correct, withdraw ------------------------------------------------
        "lesson": {
            "nl": "L{id} {title}{withdrawn}\n{text}\nThema: {theme}. Uit: {origin}.{names}",
            "en": "L{id} {title}{withdrawn}\n{text}\nTheme: {theme}. From: {origin}.{names}",
        },
        "withdrawn_mark": {"nl": " (ingetrokken)", "en": " (withdrawn)"},
        "contributors": {"nl": " Bijdragers: {names}.", "en": " Contributors: {names}."},
        "anonymous": {"nl": "anoniem", "en": "anonymous"},
        "no_lesson": {"nl": "Ik ken geen les L{ref}.", "en": "I know no lesson L{ref}."},
        "lesson_changed": {"nl": "Les L{id} aangepast.", "en": "Lesson L{id} changed."},
        "lesson_withdrawn": {
            "nl": "Les L{id} ingetrokken: /les vindt hem niet meer.",
            "en": "Lesson L{id} withdrawn: /les no longer finds it.",
        },
        "lesson_restored": {
            "nl": "Les L{id} is terug: /les vindt hem weer.",
            "en": "Lesson L{id} is back: /les finds it again.",
        },
        "unknown_theme": {
            "nl": "Onbekend thema “{theme}”. Thema's: {themes}.",
            "en": "Unknown theme “{theme}”. Themes: {themes}.",
        },
        "lessons_list": {"nl": "Geoogste lessen:", "en": "Harvested lessons:"},
        "no_lessons": {"nl": "Nog geen geoogste lessen.", "en": "No harvested lessons yet."},
        # -- where a lesson comes from -------------------------------------------------------
        "origin": {
            "nl": "bijeenkomst {id}, {place}, {month}{cities}",
            "en": "meeting {id}, {place}, {month}{cities}",
        },
        # -- the tussenbalans ----------------------------------------------------------------
        "tussenbalans_sent": {
            "nl": "De tussenbalans: het boekje en wat we sindsdien oogstten, per thema.",
            "en": "The interim balance: the booklet and what we harvested since, per theme.",
        },
    }
)
