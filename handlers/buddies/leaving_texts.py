"""Texts of leaving the CoP: /vertrek and /overdracht."""

from bot.core.i18n import Texts

LEAVING_TEXTS = Texts(
    {
        # -- /vertrek and /overdracht ------------------------------------------------------------
        "leave_done": {
            "nl": "Jammer dat je gaat, en dank je voor wat je de CoP hebt gebracht. Je krijgt "
            "geen herinneringen meer. Geef je kennis door: schrijf een korte overdracht voor "
            "{who} met /overdracht <tekst>.{hint}",
            "en": "Sorry to see you go, and thank you for what you brought to the CoP. You "
            "will get no more reminders. Pass on what you know: write a short handover for "
            "{who} with /handover <text>.{hint}",
        },
        "leave_confirm": {
            "nl": "Weet je het zeker? Na je vertrek krijg je geen herinneringen meer, stoppen "
            "je maatjeskoppelingen en laat ik je maatje en je nieuwkomers het weten. "
            "Vertrekken? Typ ja of nee.",
            "en": "Are you sure? After you leave you get no more reminders, your buddy "
            "pairings end and I let your buddy and your newcomers know. Leave? Type yes or no.",
        },
        "leave_confirm_successor": {
            "nl": "Weet je het zeker? Na je vertrek krijg je geen herinneringen meer, stoppen "
            "je maatjeskoppelingen en laat ik je maatje, je nieuwkomers en je opvolger {name} "
            "het weten. Vertrekken? Typ ja of nee.",
            "en": "Are you sure? After you leave you get no more reminders, your buddy "
            "pairings end and I let your buddy, your newcomers and your successor {name} know. "
            "Leave? Type yes or no.",
        },
        "leave_confirm_again": {
            "nl": "Vertrek je uit de CoP? Typ ja of nee (of stop).",
            "en": "Are you leaving the CoP? Type yes or no (or stop).",
        },
        "leave_yes": {"nl": "Ja, ik vertrek", "en": "Yes, I'm leaving"},
        "leave_no": {"nl": "Nee, ik blijf", "en": "No, I'm staying"},
        "leave_cancelled": {
            "nl": "Niets veranderd: je blijft gewoon deelnemer.",
            "en": "Nothing changed: you stay a participant.",
        },
        "leave_already": {
            "nl": "Je staat al als vertrekkend genoteerd. Kom je toch terug? Typ /terug.",
            "en": "You are already noted as leaving. Coming back after all? Type /return.",
        },
        "back_done": {
            "nl": "Welkom terug, {name}! Je staat weer als deelnemer genoteerd en krijgt weer "
            "herinneringen. Wil je weer maatje zijn? /maatje word",
            "en": "Welcome back, {name}! You are noted as a participant again and get "
            "reminders again. Would you like to be a buddy again? /buddy become",
        },
        "back_not_leaving": {
            "nl": "Je stond niet als vertrekkend genoteerd; er verandert niets.",
            "en": "You were not noted as leaving; nothing changes.",
        },
        "leave_who_successor": {"nl": "je opvolger {name}", "en": "your successor {name}"},
        "leave_who_newcomers": {"nl": "je nieuwkomers", "en": "your newcomers"},
        "leave_who_both": {
            "nl": "je opvolger {name} en je nieuwkomers",
            "en": "your successor {name} and your newcomers",
        },
        "leave_who_nobody": {
            "nl": "wie je opvolgt",
            "en": "whoever succeeds you",
        },
        "leave_hint": {
            "nl": "\nWie neemt het stokje over? Noem je opvolger: /vertrek opvolger @naam",
            "en": "\nWho takes over? Name your successor: /leave successor @name",
        },
        "leave_usage": {
            "nl": "Gebruik: /vertrek of /vertrek opvolger @naam",
            "en": "Usage: /leave or /leave successor @name",
        },
        "leave_successor_told": {
            "nl": "{leaver} vertrekt uit de CoP wijkenaanpak en noemt jou als opvolger. Je "
            "krijgt de overdracht zodra die geschreven is. Ben je nieuw in de CoP? Typ /start.",
            "en": "{leaver} is leaving the CoP wijkenaanpak and names you as their successor. "
            "You will get the handover note once it is written. New to the CoP? Type /start.",
        },
        "leave_newcomer_repaired": {
            "nl": "Je maatje {old} vertrekt uit de CoP; je krijgt de overdracht zodra die "
            "geschreven is.",
            "en": "Your buddy {old} is leaving the CoP; you will get their handover note once "
            "it is written.",
        },
        "leave_buddy_told": {
            "nl": "{newcomer} vertrekt uit de CoP; jullie maatjesperiode is beëindigd. Dank je "
            "wel voor je hulp!",
            "en": "{newcomer} is leaving the CoP; your buddy period has ended. Thank you for "
            "your help!",
        },
        "handover_usage": {
            "nl": "Gebruik: /overdracht <tekst> (na /vertrek). Schrijf wat je opvolger moet "
            "weten: lopende zaken, contacten, wat de CoP voor je stad betekende.",
            "en": "Usage: /handover <text> (after /leave). Write what your successor needs "
            "to know: ongoing work, contacts, what the CoP meant for your city.",
        },
        "handover_not_leaving": {
            "nl": "Een overdracht schrijf je als je vertrekt: eerst /vertrek [opvolger @naam].",
            "en": "A handover is for when you leave: first /leave [successor @name].",
        },
        "handover_too_long": {
            "nl": "Dat is te lang (maximaal {max} tekens); kort het wat in.",
            "en": "That is too long (at most {max} characters); please shorten it.",
        },
        "handover_sent": {
            "nl": "Dank je! Je overdracht gaat naar {names}.",
            "en": "Thank you! Your handover goes to {names}.",
        },
        "handover_kept": {
            "nl": "Dank je, je overdracht is bewaard. Er is nog niemand om hem naar te sturen; "
            "noem je opvolger met /vertrek opvolger @naam en ik stuur hem door.",
            "en": "Thank you, your handover is saved. There is nobody to send it to yet; name "
            "your successor with /leave successor @name and I'll pass it on.",
        },
        "handover_message": {
            "nl": "Overdracht van {name}{city}:\n\n{text}\n\n(Zo blijft het collectief geheugen "
            "van de CoP bewaard bij personele wisselingen.)",
            "en": "Handover from {name}{city}:\n\n{text}\n\n(So the CoP's collective memory "
            "survives changes of people.)",
        },
    }
)
