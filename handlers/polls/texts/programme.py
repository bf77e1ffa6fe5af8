"""Texts of /voorbereiding and /programma: the preparation group and the meeting's programme."""

PROGRAMME_TEXTS = {
    "prep_usage": {
        "nl": "Voor iedere bijeenkomst wordt een voorbereidingsgroepje samengesteld: "
        "/voorbereiding <bijeenkomst> @naam @naam ... (organisatoren); "
        "/voorbereiding <bijeenkomst> weg @naam haalt iemand eruit.",
        "en": "For every meeting a preparation group is formed: /voorbereiding <meeting> "
        "@name @name ... (organisers); /voorbereiding <meeting> weg @name removes someone.",
    },
    "prep_group": {
        "nl": "Voorbereidingsgroepje van bijeenkomst {id}: {names}.",
        "en": "Preparation group of meeting {id}: {names}.",
    },
    "prep_empty": {
        "nl": "Bijeenkomst {id} heeft nog geen voorbereidingsgroepje.",
        "en": "Meeting {id} has no preparation group yet.",
    },
    "prep_not_found": {
        "nl": "Ik vind niemand die {who} heet. Die persoon moet eerst /start sturen.",
        "en": "I can't find anyone called {who}. They need to send /start first.",
    },
    "prep_welcome": {
        "nl": "Je zit in het voorbereidingsgroepje van bijeenkomst {id}. Na de peiling "
        "krijg je de uitslag en bouw je mee aan het programma (/programma {id}).",
        "en": "You are in the preparation group of meeting {id}. After the vote you get "
        "the result and help build the programme (/programma {id}).",
    },
    # -- /programma ---------------------------------------------------------------------
    "programme_header": {
        "nl": "Programma van bijeenkomst {id} ({when}):",
        "en": "Programme of meeting {id} ({when}):",
    },
    "programme_empty": {
        "nl": "Bijeenkomst {id} heeft nog geen programma. Het voorbereidingsgroepje "
        "bouwt het uit de uitslag van de peiling.",
        "en": "Meeting {id} has no programme yet. The preparation group builds it from "
        "the result of the vote.",
    },
    "programme_item": {"nl": "{n}. {time}{title}{owner}", "en": "{n}. {time}{title}{owner}"},
    "programme_owner": {"nl": " (trekker: {name})", "en": " (lead: {name})"},
    "programme_lessons": {
        "nl": "   uit het boekje: {lessons}",
        "en": "   from the booklet: {lessons}",
    },
    "programme_builder_hint": {
        "nl": "Bouwen: /programma {id} neem <voorstel-nummer> [dag] [tijd-eind], /programma {id} "
        "eigenaar <item> @naam, /programma {id} tijd <item> [dag 2] 09:30-11:00, /programma "
        "{id} zaal <item> <zaal>, /programma {id} spreker <item> <gastspreker>, /programma {id} "
        "weg <item>, /programma {id} aankondigen (naar wie komt; daarna horen zij elke "
        "wijziging).",
        "en": "Build: /programma {id} neem <proposal number> [day] [time-end], /programma {id} "
        "eigenaar <item> @name, /programma {id} tijd <item> [day 2] 09:30-11:00, /programma "
        "{id} zaal <item> <room>, /programma {id} spreker <item> <guest speaker>, /programma "
        "{id} weg <item>, /programma {id} aankondigen (to those coming; they then hear of every "
        "change).",
    },
    "programme_top": {
        "nl": "Hoogst in de peiling: {topics}",
        "en": "Highest in the vote: {topics}",
    },
    "programme_not_builder": {
        "nl": "Het programma bouwen is voor de organisatoren en het voorbereidingsgroepje.",
        "en": "Building the programme is for the organisers and the preparation group.",
    },
    "programme_take_usage": {
        "nl": "Welk voorstel? /programma {id} neem <voorstel-nummer> [dag] [tijd]",
        "en": "Which proposal? /programma {id} neem <proposal number> [day] [time]",
    },
    "programme_bad_time": {
        "nl": "Die tijd begrijp ik niet: {time}. Bijvoorbeeld 10:30.",
        "en": "I don't understand that time: {time}. For example 10:30.",
    },
    "programme_outside": {
        "nl": "{time} valt buiten de bijeenkomst.",
        "en": "{time} is outside the meeting.",
    },
    "programme_bad_day": {
        "nl": "Die dag hoort niet bij de bijeenkomst: {time}.",
        "en": "That day is not part of the meeting: {time}.",
    },
    "programme_hours": {
        "nl": "Bijeenkomst {id} loopt van {start} tot {end}.",
        "en": "Meeting {id} runs from {start} until {end}.",
    },
    "programme_day_hint": {
        "nl": "Een latere dag noem je zo: /programma <bijeenkomst> neem <voorstel> vrijdag "
        "9:30 (of: dag 2 9:30).",
        "en": "Name a later day like this: /programma <meeting> neem <proposal> friday 9:30 "
        "(or: day 2 9:30).",
    },
    "programme_other_session": {
        "nl": "Voorstel #{proposal} hoort bij bijeenkomst {other}, niet bij {id}.",
        "en": "Proposal #{proposal} belongs to meeting {other}, not to {id}.",
    },
    "programme_already": {
        "nl": "Voorstel #{proposal} staat al op het programma (item {n}).",
        "en": "Proposal #{proposal} is on the programme already (item {n}).",
    },
    "programme_taken": {
        "nl": "Op het programma als item {n}: {title}.",
        "en": "On the programme as item {n}: {title}.",
    },
    "programme_suggestions": {
        "nl": "Past misschien uit het boekje:\n{lessons}",
        "en": "From the booklet, perhaps fitting:\n{lessons}",
    },
    "programme_no_suggestions": {
        "nl": "Uit het boekje vond ik er geen les bij.",
        "en": "I found no lesson from the booklet for it.",
    },
    "programme_owner_usage": {
        "nl": "Gebruik: /programma {id} eigenaar <item> @naam",
        "en": "Usage: /programma {id} eigenaar <item> @name",
    },
    "programme_item_not_found": {
        "nl": "Bijeenkomst {id} heeft geen item {n}.",
        "en": "Meeting {id} has no item {n}.",
    },
    "programme_owner_set": {
        "nl": "{name} trekt item {n}: {title}.",
        "en": "{name} leads item {n}: {title}.",
    },
    "programme_removed": {
        "nl": "Item {n} is van het programma gehaald: {title}.",
        "en": "Item {n} was taken off the programme: {title}.",
    },
    "programme_unknown_action": {
        "nl": "Dat begrijp ik niet: {action}. Mogelijk: neem, eigenaar, weg.",
        "en": "I don't understand: {action}. Possible: neem, eigenaar, weg.",
    },
    "session_not_found": {
        "nl": "Ik ken geen bijeenkomst {id}. /sessies toont de komende.",
        "en": "I don't know meeting {id}. /sessies shows the coming ones.",
    },
}
