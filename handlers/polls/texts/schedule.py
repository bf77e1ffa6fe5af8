"""Texts of the two-day programme: days, end times, rooms, guest speakers, its announcement."""

SCHEDULE_TEXTS = {
    "programme_day": {"nl": "Dag {n}, {date}:", "en": "Day {n}, {date}:"},
    "programme_day_empty": {"nl": "   (nog niets)", "en": "   (nothing yet)"},
    "programme_room": {"nl": "zaal: {room}", "en": "room: {room}"},
    "programme_speaker": {"nl": "gast: {name}", "en": "guest: {name}"},
    "programme_details": {"nl": " ({details})", "en": " ({details})"},
    "programme_time_usage": {
        "nl": "Gebruik: /programma {id} tijd <item> [dag 2] 09:30-11:00 (het einde mag weg).",
        "en": "Usage: /programma {id} tijd <item> [day 2] 09:30-11:00 (the end is optional).",
    },
    "programme_time_set": {
        "nl": "Item {n} ({title}) staat nu op {when}.",
        "en": "Item {n} ({title}) is now at {when}.",
    },
    "programme_end_before": {
        "nl": "Het einde ({end}) moet na het begin ({start}) liggen.",
        "en": "The end ({end}) must be after the start ({start}).",
    },
    "programme_room_usage": {
        "nl": "Gebruik: /programma {id} zaal <item> <zaal> (of - om de zaal weg te halen).",
        "en": "Usage: /programma {id} zaal <item> <room> (or - to remove the room).",
    },
    "programme_speaker_usage": {
        "nl": "Gebruik: /programma {id} spreker <item> <naam van de gastspreker> (of -).",
        "en": "Usage: /programma {id} spreker <item> <name of the guest speaker> (or -).",
    },
    "programme_detail_set": {
        "nl": "Item {n} ({title}): {detail}.",
        "en": "Item {n} ({title}): {detail}.",
    },
    "programme_detail_cleared": {
        "nl": "Item {n} ({title}): {what} weggehaald.",
        "en": "Item {n} ({title}): {what} removed.",
    },
    "programme_what_room": {"nl": "zaal", "en": "room"},
    "programme_what_speaker": {"nl": "gastspreker", "en": "guest speaker"},
    "programme_too_long": {
        "nl": "Dat is te lang (maximaal {max} tekens).",
        "en": "That is too long (at most {max} characters).",
    },
    "programme_announce_empty": {
        "nl": "Bijeenkomst {id} heeft nog geen programma om aan te kondigen.",
        "en": "Meeting {id} has no programme to announce yet.",
    },
    "programme_announced": {
        "nl": "Het programma van bijeenkomst {id} gaat naar {count} deelnemers die komen. "
        "Wijzigingen hierna krijgen zij ook te horen.",
        "en": "The programme of meeting {id} goes to {count} participants who are coming. "
        "They will also be told of later changes.",
    },
    "programme_announced_one": {
        "nl": "Het programma van bijeenkomst {id} gaat naar {count} deelnemer die komt. "
        "Wijzigingen hierna krijgt die ook te horen.",
        "en": "The programme of meeting {id} goes to {count} participant who is coming. "
        "They will also be told of later changes.",
    },
    "programme_message": {
        "nl": "Het programma van bijeenkomst {id} ({when}):\n{programme}",
        "en": "The programme of meeting {id} ({when}):\n{programme}",
    },
    "programme_changed_message": {
        "nl": "Het programma van bijeenkomst {id} is gewijzigd: {change}\n\nNu:\n{programme}",
        "en": "The programme of meeting {id} has changed: {change}\n\nNow:\n{programme}",
    },
    "programme_told": {
        "nl": "{count} deelnemers die komen krijgen de wijziging te horen.",
        "en": "{count} participants who are coming will be told of the change.",
    },
    "programme_told_one": {
        "nl": "{count} deelnemer die komt krijgt de wijziging te horen.",
        "en": "{count} participant who is coming will be told of the change.",
    },
    "change_added": {"nl": "nieuw item {line}", "en": "new item {line}"},
    "change_removed": {"nl": "item {n} ({title}) vervalt", "en": "item {n} ({title}) is dropped"},
    "change_item": {"nl": "item {n}: {old} → {new}", "en": "item {n}: {old} → {new}"},
}
