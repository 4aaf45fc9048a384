"""Demo teaching content for the Peer Training Hub.

This module is plain demo data used by the ``seed_demo`` management command to fill a
development hub with realistic tracks, courses, modules, lessons, quizzes and in-person
sessions. It contains only Python literals and imports nothing.

The content is original teaching material written for this project, drawing on the source
documents about peer support at One Health, Montana. It uses plain, respectful language
("peer", "learner", "the person you support"). It is demonstration content: trainers should
review and adapt it, and check any rule or figure against current official sources, before
using it with real learners.

Structure:

* ``TRACKS``: the eight curricula, as dicts with ``slug``, ``name`` and ``description``.
* ``CE_CATEGORIES``: ``(slug, name)`` pairs for continuing-education categories.
* ``ETHICS_COURSE``: the 40-hour Peer Support Ethics & Boundaries course (20 hours of online
  lessons plus five 4-hour in-person sessions).
* ``TRACK_COURSES``: one short course for each of the six other non-elective tracks.
* ``CE_ELECTIVES``: short online continuing-education courses.

A course is a dict with ``code``, ``title``, ``track``, ``summary``, ``audience``,
``delivery`` ("online", "in_person" or "blended"), ``required_contact_hours`` (lesson
minutes / 60 plus session hours), ``ce_hours``, ``ce_category``, ``estimated_hours``,
``sequential``, ``modules`` and ``sessions``. Each module has ``title``, ``summary``,
``lessons`` and ``quiz`` (or None). A lesson has ``title``, ``estimated_minutes`` and
``body``, a list of ``(block_type, value)`` tuples where block_type is "heading",
"paragraph" (simple HTML), "callout" ({"kind", "text"}) or "key_points" (list of str). A
quiz has ``title``, ``pass_mark_percent`` and ``questions``; each question has ``prompt``,
``kind`` ("single", "multiple" or "true_false"), ``explanation`` and ``choices`` as
``(text, is_correct, feedback)`` tuples.
"""

TRACKS = [
    {
        "slug": "ethics-boundaries",
        "name": "Ethics & Boundaries (40-hour)",
        "description": (
            "The 40-hour peer support course with an emphasis on ethics and boundaries that "
            "every peer supporter completes before Montana state certification. Blended: 20 "
            "hours of online lessons and 20 hours of in-person sessions."
        ),
    },
    {
        "slug": "recovery-doula",
        "name": "Recovery Doula",
        "description": (
            "Perinatal peer support for mothers, fathers and partners affected by substance "
            "use, from pregnancy through birth and the high-risk postpartum months."
        ),
    },
    {
        "slug": "indigenous-recovery-doula",
        "name": "Indigenous Recovery Doula",
        "description": (
            "Culturally grounded perinatal peer support that honours the strengths of "
            "Indigenous families and communities and speaks respectfully about historical "
            "trauma."
        ),
    },
    {
        "slug": "master-narcan-trainer",
        "name": "Master Narcan Trainer",
        "description": (
            "Recognising opioid overdose and stimulant overamping, giving naloxone, and "
            "teaching community Narcan classes."
        ),
    },
    {
        "slug": "corrections",
        "name": "Corrections",
        "description": (
            "Delivering peer support safely and ethically in the county jail and supporting "
            "people through release and reentry."
        ),
    },
    {
        "slug": "trauma-curricula",
        "name": "Trauma curricula (Beyond Trauma / Exploring Trauma)",
        "description": (
            "Preparation for co-facilitating Beyond Trauma groups for women and Exploring "
            "Trauma groups for men."
        ),
    },
    {
        "slug": "sacred-parenting",
        "name": "Fatherhood/Motherhood is Sacred",
        "description": (
            "Supporting parents whose wish to be a good parent fuels their recovery, and "
            "preparing to co-facilitate the Fatherhood is Sacred and Motherhood is Sacred "
            "programs."
        ),
    },
    {
        "slug": "ce-electives",
        "name": "Continuing-education electives",
        "description": (
            "Short online courses that count toward continuing-education hours for certified "
            "peer supporters."
        ),
    },
]

CE_CATEGORIES = [
    ("general", "General peer support"),
    ("ethics", "Ethics and boundaries"),
    ("suicide-prevention", "Suicide prevention"),
    ("trauma-informed", "Trauma-informed care"),
    ("perinatal", "Perinatal and family"),
    ("overdose-response", "Overdose response"),
]

ETHICS_COURSE = {
    "code": "PS-ETH-40",
    "title": "Peer Support Ethics & Boundaries (40-hour course)",
    "track": "ethics-boundaries",
    "summary": (
        "The foundation course for every peer supporter at the hub. It covers scope of "
        "practice, boundaries, confidentiality, consent, mutuality and lived experience, "
        "trauma-informed practice, self-care and peer drift, fidelity to the peer model and "
        "ethical decision-making. Completing it is a prerequisite for Montana peer support "
        "certification."
    ),
    "audience": (
        "People with lived experience preparing to work as certified peer supporters in Montana."
    ),
    "delivery": "blended",
    "required_contact_hours": 40,
    "ce_hours": 0,
    "ce_category": "ethics",
    "estimated_hours": 40,
    "sequential": True,
    "modules": [
        {
            "title": "Scope of practice: what peer support is and is not",
            "summary": (
                "Peer support is a non-clinical, voluntary relationship between equals. This "
                "module maps the edges of the role so you can offer everything it holds "
                "without drifting into work that belongs to someone else."
            ),
            "lessons": [
                {
                    "title": "What peer support is, and what it is not",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "A relationship between equals"),
                        (
                            "paragraph",
                            (
                                "<p>Peer support is a way of people who share common experiences "
                                "coming together as equals to give and receive help. The word "
                                "<em>peer</em> means an equal, someone who shares something "
                                "important with you. The word <em>support</em> means the empathy, "
                                "encouragement and practical help that people who have walked a "
                                "similar road can offer one another. Your qualification for this "
                                "work starts with your own lived experience of substance use, "
                                "mental health challenges or chronic illness, and it is "
                                "strengthened by training, certification and supervision. Nobody "
                                "else on a care team brings exactly what you bring: the living "
                                "proof that recovery is possible and the understanding that comes "
                                "from having been there.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>At One Health, people choose to connect with peer supporters. "
                                "They usually hear about you by word of mouth: a cousin, a "
                                "coworker or someone at a meeting says you are a person who gets "
                                "it. A person does not need to be enrolled in any service to talk "
                                "with you, and your door stays open whether or not they are ready "
                                "for treatment. That openness is part of the role, not a "
                                "favour.</p>"
                            ),
                        ),
                        ("heading", "What peer support is not"),
                        (
                            "paragraph",
                            (
                                "<p>Being clear about what the role is not protects both you and "
                                "the person you support:</p><ul><li><strong>Not clinical.</strong> "
                                "You do not diagnose, assess for treatment, provide therapy or "
                                "give medical or medication advice.</li><li><strong>Not "
                                "hierarchical.</strong> You are not the expert on someone else's "
                                "life. You move from top-down helping to mutual "
                                "learning.</li><li><strong>Not a cheaper version of another "
                                "job.</strong> Being hired to drive people to appointments or do "
                                "case management tasks is not, by itself, peer "
                                "support.</li><li><strong>Not measured by compliance.</strong> The "
                                "benefits show up as hope, connection, self-esteem, less "
                                "self-stigma and a fuller life in the community.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Here is an example. Dana, a peer supporter, meets a young man "
                                "at the laundromat who says his new medication makes him feel flat "
                                "and asks whether he should just stop taking it. A clinician might "
                                'adjust the dose. A friend might say "sure, quit it." Dana does '
                                "neither. She says she has felt that way too, asks what feeling "
                                "flat is like for him, and offers to help him write down his "
                                "questions and bring them to his prescriber. If he wants, she can "
                                "be there for the conversation. She has stayed inside her role and "
                                "still offered real help.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "text": (
                                    "Scope of practice is not a list of things you are "
                                    "forbidden to care about. You can care about anything in a "
                                    "person's life. Scope describes what you do about it: "
                                    "listen, share experience, offer information and connect "
                                    "people to the right help."
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "Think of a time someone who had been through what you "
                                    "were going through helped you. What did they do that a "
                                    "professional could not have done?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Peer support is voluntary, mutual and non-clinical.",
                                (
                                    "Your lived experience is a qualification, backed by training, "
                                    "certification and supervision."
                                ),
                                "You do not diagnose, treat or advise on medication.",
                                (
                                    "Success looks like hope, connection and a self-directed life, "
                                    "not compliance."
                                ),
                            ],
                        ),
                    ],
                },
                {
                    "title": "Working inside your role on an integrated team",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "Part of the community team"),
                        (
                            "paragraph",
                            (
                                "<p>At One Health, peer supporters belong to the community team. "
                                "You build trust with people who may not yet trust any clinic, and "
                                "you share the trust you have in the integrated care providers. "
                                "When someone you support wants a service the clinic offers, you "
                                "make a <strong>warm handoff</strong> through the care "
                                "coordinator: you introduce the person, stay with them through the "
                                "first contact if they want you there, and follow up afterwards. "
                                "You may attend providers' medication-assisted treatment huddles "
                                "so you know how to support people, but you do not cross over into "
                                "the clinical team.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>When a person is already receiving care, the care coordinator "
                                "can make sure you know the parts of their care plan they have "
                                "agreed to share with you. That lets you offer informational, "
                                "navigational and emotional support: helping someone understand an "
                                "appointment letter, find the bus route to the pharmacy or talk "
                                "through how scared they feel before a first group.</p>"
                            ),
                        ),
                        ("heading", "When you are asked to step outside the role"),
                        (
                            "paragraph",
                            (
                                "<p>Sometimes pressure to step outside your role comes from the "
                                'person you support ("Just tell me what my diagnosis means"). '
                                'Sometimes it comes from colleagues ("Can you make sure he takes '
                                'his meds?"). In both cases, pause before you say yes. Ask '
                                "yourself whether the task is non-clinical, voluntary for the "
                                "person, and grounded in mutuality. If it is not, say so kindly "
                                "and offer what you can do instead.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A simple four-step response works in most "
                                'situations:</p><ol><li>Acknowledge the need: "I can hear that you '
                                'really want an answer."</li><li>Be honest about your role: "That '
                                "is a question for your nurse. I don't want to guess about "
                                'something that important."</li><li>Offer what is in scope: "I can '
                                "help you write it down and sit with you when you "
                                'call."</li><li>Follow up and, if the same request keeps coming '
                                "up, bring it to supervision.</li></ol>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>You will not always know whether something is in your scope. "
                                "That is normal, especially in your first year. It is always "
                                "acceptable to say, \"I'm not sure that's my role. Let me check "
                                'and get back to you today." Then check with your supervisor or '
                                "the care coordinator and keep your promise to follow up. People "
                                "you support learn from watching you do this: asking for guidance "
                                "is a strength, not a weakness, and being honest about what you do "
                                "not know builds more trust than a confident guess.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "Monitoring whether someone takes medication, reporting on "
                                    "their behaviour to enforce rules, or pressuring them to "
                                    "attend treatment are not peer roles. They turn a "
                                    "relationship of trust into one of surveillance."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Warm handoffs go through the care coordinator.",
                                (
                                    "You can know relevant parts of a care plan without becoming "
                                    "clinical staff."
                                ),
                                (
                                    "Pressure to step outside the role can come from anyone on the "
                                    "team."
                                ),
                                (
                                    "Acknowledge, explain, offer what you can, and take patterns "
                                    "to supervision."
                                ),
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Scope of practice check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": (
                            "A person you support asks whether they should double their "
                            "antidepressant dose because it is not working. What is the best "
                            "peer response?"
                        ),
                        "kind": "single",
                        "explanation": (
                            "Medication decisions belong with a prescriber. The peer role is "
                            "to listen, share experience and help the person get their "
                            "question to the right person."
                        ),
                        "choices": [
                            (
                                "Tell them what worked for you when you changed your dose.",
                                False,
                                (
                                    "Sharing your experience is valuable, but it could be heard as "
                                    "medication advice, which is outside your scope."
                                ),
                            ),
                            (
                                (
                                    "Listen, then offer to help them bring the question to their "
                                    "prescriber."
                                ),
                                True,
                                (
                                    "Yes. You stay with the person's concern and connect them to "
                                    "the right help."
                                ),
                            ),
                            (
                                "Tell them never to change medication and move on.",
                                False,
                                (
                                    "This closes the conversation and does not help them get an "
                                    "answer."
                                ),
                            ),
                            (
                                "Look up the maximum dose online and tell them.",
                                False,
                                "Researching and advising on doses is clinical work.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Which of these are within a peer supporter's scope of practice? "
                            "Select all that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "Peers offer emotional, informational and navigational support and "
                            "make warm handoffs. Diagnosing is clinical work."
                        ),
                        "choices": [
                            (
                                "Making a warm handoff to the care coordinator.",
                                True,
                                "Correct. Warm handoffs are a core part of the role.",
                            ),
                            (
                                "Sharing your own recovery story when it may help.",
                                True,
                                (
                                    "Correct. Purposeful sharing of lived experience is central to "
                                    "peer work."
                                ),
                            ),
                            (
                                "Telling someone which mental health diagnosis fits them.",
                                False,
                                "Diagnosis is outside peer scope, and labels can increase stigma.",
                            ),
                            (
                                "Helping someone find the way to a pharmacy or food bank.",
                                True,
                                "Correct. Navigational support is in scope.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "A person must be receiving One Health clinic services before a "
                            "peer supporter can spend time with them."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Peer support at One Health is open to anyone in the community, "
                            "whatever their readiness for clinic services."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. A peer supporter's door stays open to everyone.",
                            ),
                            (
                                "False",
                                True,
                                (
                                    "Correct. People do not need to use clinic services to connect "
                                    "with a peer."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Checking that someone takes their medication and reporting it to "
                            "the team is a good use of the peer role."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Monitoring compliance turns a voluntary, trusting relationship "
                            "into surveillance. That is peer drift."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                (
                                    "Not quite. Monitoring and reporting compliance is not a peer "
                                    "function."
                                ),
                            ),
                            (
                                "False",
                                True,
                                (
                                    "Correct. That task belongs to other roles and would undermine "
                                    "trust."
                                ),
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Boundaries that protect the relationship",
            "summary": (
                "Boundaries are not walls between you and the people you support. They are the "
                "shape of a relationship that stays safe, honest and sustainable for both of "
                "you."
            ),
            "lessons": [
                {
                    "title": "Boundaries in everyday peer work",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "Why boundaries matter in a mutual relationship"),
                        (
                            "paragraph",
                            (
                                "<p>Because peer support is mutual and informal, people sometimes "
                                "assume it has no boundaries. The opposite is true. When there is "
                                "no clinical distance, clear boundaries are what keep the "
                                "relationship safe. Good boundaries let you offer empathy without "
                                "enmeshment: you can feel with someone without taking their "
                                "problems home as your own or making yourself responsible for "
                                "their choices. They also protect the person you support from "
                                "depending on one person for everything, which is risky if you get "
                                "sick, change jobs or go on leave.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Boundaries are easier to keep when you set them early and "
                                'explain them warmly. On a first meeting you might say: "I work '
                                "set hours and I'll answer texts during those times. If something "
                                "urgent happens at night, here's the crisis line, and I'll check "
                                'in the next morning." Said at the start, that is simply '
                                "information. Said for the first time at 2 a.m., it can feel like "
                                "rejection.</p>"
                            ),
                        ),
                        ("heading", "Common boundary questions"),
                        (
                            "paragraph",
                            (
                                "<ul><li><strong>Money and loans.</strong> Do not lend or borrow "
                                "money, co-sign or buy things for the person. Help them find "
                                "community resources instead.</li><li><strong>Gifts.</strong> "
                                "Follow your agency's policy. A thank-you card or a drawing from "
                                "someone's child is usually fine; anything of real value is "
                                "usually not. Decline kindly and thank them for the "
                                "thought.</li><li><strong>Rides and your home.</strong> Only give "
                                "rides when it is part of your work and allowed by policy. Do not "
                                "bring people to your home or let them stay with "
                                "you.</li><li><strong>Social media.</strong> Keep personal "
                                "accounts private and do not accept friend requests from people "
                                "you support. A work account, if your agency uses one, is "
                                "different.</li><li><strong>Romantic or sexual "
                                "relationships.</strong> Never with a person you support. The "
                                "trust and power in the relationship make real consent impossible "
                                "to be sure of.</li><li><strong>Your phone.</strong> Use a work "
                                "phone where possible and agree on hours for contact.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Consider Marcus, who has supported Jolene for three months. "
                                "She is about to be evicted and asks to borrow $200 until her next "
                                "check. Marcus remembers being in the same spot and wants to help. "
                                "Lending the money would change their relationship: he would "
                                "become her creditor, and if she could not repay it, she might "
                                "avoid him out of shame. Instead, he tells her honestly that he "
                                "cannot lend money, and together they call the local emergency "
                                "rental assistance program and the food bank that afternoon.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "A boundary crossing can feel kind in the moment. Ask: who "
                                    "does this really serve, could I do it for everyone I "
                                    "support, and would I be comfortable telling my supervisor "
                                    "about it? If any answer is no, pause."
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "Which boundary do you expect to find hardest to hold, and "
                                    "why? What in your own story makes that one tender?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Boundaries make mutual relationships safe, not distant.",
                                "Set and explain boundaries early and warmly.",
                                (
                                    "No loans, no valuable gifts, no romantic relationships, no "
                                    "personal social media connections."
                                ),
                                (
                                    "Help people widen their support so they do not depend on you "
                                    "alone."
                                ),
                                (
                                    "If you would hesitate to tell your supervisor, pause and talk "
                                    "it through."
                                ),
                            ],
                        ),
                    ],
                },
                {
                    "title": "Dual relationships in small communities",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "When you already know each other"),
                        (
                            "paragraph",
                            (
                                "<p>In rural and frontier Montana, you will often support people "
                                "you already know: someone from church, a former coworker, a "
                                "relative of a friend, or someone you used with years ago. That "
                                "shared history is part of why people trust peers, and it cannot "
                                "always be avoided. A <strong>dual relationship</strong> is any "
                                "situation where you relate to someone in more than one role. Dual "
                                "relationships are not automatically wrong, but they need to be "
                                "named and managed so they do not cause harm.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The key questions are about power, confidentiality and "
                                "objectivity. Could your other role give you influence over this "
                                "person, for example as their landlord or employer? Could you "
                                "learn something in one role that you must not use in the other? "
                                "Could your feelings about the person, or about people close to "
                                "them, make it hard to support their own choices? If the answer to "
                                "any of these is yes, talk with your supervisor. Sometimes the "
                                "best choice is a referral to another peer; sometimes you can "
                                "continue with clear agreements.</p>"
                            ),
                        ),
                        ("heading", "Practical agreements"),
                        (
                            "paragraph",
                            (
                                "<ul><li>Tell your supervisor about existing relationships before "
                                "or as soon as you start supporting someone.</li><li>Agree with "
                                "the person how you will greet each other in public. Many people "
                                "prefer that you let them say hello first.</li><li>Keep peer "
                                "conversations out of family gatherings, church or the "
                                "bar.</li><li>Never support your own family members or a current "
                                "partner in your work role.</li><li>Be ready to hand over support "
                                "to a colleague if the dual relationship starts to cause "
                                "harm.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: Rae sees a woman she supports at the grocery store, "
                                "standing next to a man Rae does not know. Rae smiles but waits. "
                                "The woman chooses not to say hello, and Rae lets it go. At their "
                                "next meeting, the woman thanks her: her new boyfriend does not "
                                "know she is in recovery, and she is not ready to tell him. "
                                "Letting the person lead in public protected her privacy.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>If you do need to hand someone over to a colleague, do it the "
                                "way you would make any warm handoff. Explain the reason honestly "
                                "and without blame, introduce the new peer in person if you can, "
                                "and make sure the person knows the change is about protecting "
                                "them, not about anything they did wrong.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "text": (
                                    "Supervision exists precisely for these grey areas. "
                                    "Bringing a dual relationship to your supervisor is good "
                                    "practice, not an admission of a mistake."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                (
                                    "Dual relationships are common in small towns and must be "
                                    "named and managed."
                                ),
                                "Consider power, confidentiality and objectivity.",
                                "Let the person you support lead when you meet in public.",
                                "Do not support family members or partners in your work role.",
                                "Use supervision early and often.",
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Boundaries check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": (
                            "A person you support offers you a $100 gift card to thank you for "
                            "helping them move into housing. What is the best response?"
                        ),
                        "kind": "single",
                        "explanation": (
                            "Gifts of real value change the relationship. Decline warmly, "
                            "honour the gratitude, and follow agency policy."
                        ),
                        "choices": [
                            (
                                "Accept it so you do not hurt their feelings.",
                                False,
                                (
                                    "Their feelings matter, but accepting something of value can "
                                    "create a sense of debt and crosses most agency policies."
                                ),
                            ),
                            (
                                (
                                    "Thank them sincerely, explain that you cannot accept gifts of "
                                    "value, and celebrate their achievement together."
                                ),
                                True,
                                (
                                    "Yes. You protect the relationship while still receiving their "
                                    "thanks."
                                ),
                            ),
                            (
                                "Accept it and give it to another person you support.",
                                False,
                                (
                                    "This still means accepting a gift of value and is not "
                                    "transparent."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Which of these are examples of dual relationships? Select all "
                            "that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "A dual relationship is relating to someone in more than one role. "
                            "It needs to be named and managed, often with help from "
                            "supervision."
                        ),
                        "choices": [
                            (
                                "Supporting someone who attends your church.",
                                True,
                                (
                                    "Correct. You relate to them as a fellow church member and as "
                                    "their peer."
                                ),
                            ),
                            (
                                "Supporting a person who rents a room from you.",
                                True,
                                (
                                    "Correct, and this one carries a power imbalance that usually "
                                    "means referring them to another peer."
                                ),
                            ),
                            (
                                "Supporting someone you met for the first time through outreach.",
                                False,
                                "This is a single relationship, as long as no other roles develop.",
                            ),
                            (
                                "Supporting your cousin's former partner.",
                                True,
                                (
                                    "Correct. Family connections can affect objectivity and "
                                    "confidentiality."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Boundaries are less important in peer support than in clinical "
                            "work because the relationship is mutual."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Because the relationship is informal and mutual, clear boundaries "
                            "are even more important for safety and sustainability."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. Mutuality makes boundaries more important, not less.",
                            ),
                            ("False", True, "Correct. Boundaries keep a mutual relationship safe."),
                        ],
                    },
                    {
                        "prompt": (
                            "When you see someone you support in public, it is usually best to "
                            "let them choose whether to greet you."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Letting the person lead protects their privacy. Others nearby may "
                            "not know they receive peer support."
                        ),
                        "choices": [
                            (
                                "True",
                                True,
                                (
                                    "Correct. Let them lead, and agree on this ahead of time if "
                                    "you can."
                                ),
                            ),
                            (
                                "False",
                                False,
                                "Not quite. Greeting first could reveal that they receive support.",
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Confidentiality",
            "summary": (
                "People trust peers with stories they have told no one else. This module "
                "covers how to protect that trust, where the legal and ethical limits are, and "
                "how to explain them honestly from the start."
            ),
            "lessons": [
                {
                    "title": "Keeping what is shared safe",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "Trust is the foundation"),
                        (
                            "paragraph",
                            (
                                "<p>Confidentiality means that what a person shares with you stays "
                                "within the boundaries they agreed to. In a small community, "
                                "information travels fast, and one careless remark can close the "
                                "door to recovery for someone who took a big risk in reaching out. "
                                "Protecting confidentiality is also a legal duty. Health "
                                "information is protected by federal privacy law, and records "
                                "about substance use treatment have extra federal protection, "
                                "known as 42 CFR Part 2. Your agency will train you on its privacy "
                                "policies; this lesson focuses on the everyday habits that keep "
                                "information safe.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Everyday habits that protect confidentiality:</p><ul><li>Talk "
                                "about people you support only with those who need to know for "
                                "their care, and only with the person's consent or where policy "
                                "allows.</li><li>Do not confirm that someone is receiving support, "
                                "even to their family, unless they have said you may.</li><li>Hold "
                                "conversations where others cannot overhear. In a cafe or a car, "
                                "check that the person is comfortable with the "
                                "setting.</li><li>Lock your phone, use work devices for work "
                                "messages, and do not store details in personal notes or "
                                "photos.</li><li>Document facts the person would be comfortable "
                                "reading, in respectful language, following agency "
                                "policy.</li><li>When you share a story in training or "
                                "supervision, remove names and identifying details. In a small "
                                "town, a job, a truck or a dog can identify someone.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: a mother calls Terrell and says, \"I know you're "
                                'helping my son. Is he using again?" Terrell feels the worry in '
                                "her voice. He does not confirm or deny that he knows her son. He "
                                "says: \"I can't talk about anyone I may or may not work with, but "
                                "I can hear how worried you are. Would it help to talk about "
                                'support for you, as a parent?" He then tells her about a family '
                                "support group and how to get naloxone.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Documentation deserves special care. Write as if the person "
                                "you support will read your note, because they have the right to "
                                "ask to. Record what happened and what was agreed, in plain words, "
                                "not your opinions or guesses about diagnoses. Avoid labels like "
                                '"drug-seeking" or "manipulative". Write only what your program '
                                "needs, store notes only in the approved system, and never keep "
                                "copies on a personal phone or notebook. A good note helps the "
                                "next person support someone well without exposing more than "
                                "necessary.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "Venting about a hard day is human, but never vent about "
                                    "identifiable people you support to friends, family or on "
                                    "social media. Bring it to supervision or a peer debrief "
                                    "instead."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Confidentiality is both a trust issue and a legal duty.",
                                (
                                    "Substance use treatment records have extra federal protection "
                                    "(42 CFR Part 2)."
                                ),
                                "Do not confirm or deny who you support without consent.",
                                "In small towns, details beyond names can identify people.",
                                "Vent in supervision, not in public.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "The limits of confidentiality",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "Be honest about limits from the start"),
                        (
                            "paragraph",
                            (
                                "<p>Confidentiality is strong but not absolute. There are a few "
                                "situations where you may need to share information even without "
                                "the person's agreement. The respectful thing is to explain these "
                                "limits at the beginning, in plain language, so nobody is "
                                'surprised. For example: "What you tell me stays with me and my '
                                "supervisor. The exceptions are if I'm worried you might seriously "
                                "hurt yourself or someone else, or if I learn a child or "
                                "vulnerable adult is being harmed. If that happens, I'll tell you "
                                'what I need to do and try to do it together with you."</p>'
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Common limits (always check your agency's current "
                                "policy):</p><ul><li><strong>Serious risk of harm to "
                                "self.</strong> If someone is at immediate risk of suicide, you "
                                "act to keep them safe, for example by calling 988 or 911 with "
                                "them, following agency protocol.</li><li><strong>Serious risk of "
                                "harm to others.</strong> Threats of violence toward a specific "
                                "person must be taken to your supervisor "
                                "immediately.</li><li><strong>Abuse or neglect of a child or "
                                "vulnerable adult.</strong> Montana law requires many people who "
                                "work with children and families to report suspected abuse or "
                                "neglect. Learn what your agency's policy and the law require of "
                                "you in your role.</li><li><strong>Legal orders.</strong> A court "
                                "order may require records. Your agency, not you alone, responds "
                                "to these.</li><li><strong>Supervision and the care team.</strong> "
                                "You share relevant information with your supervisor, and with the "
                                "care team only as the person has agreed.</li></ul>"
                            ),
                        ),
                        ("heading", "Doing it with the person, not to them"),
                        (
                            "paragraph",
                            (
                                "<p>When you do need to share, a trauma-informed approach keeps "
                                "the person as involved as possible. Tell them what you are going "
                                "to do and why, offer them the chance to make the call with you, "
                                "and stay with them if you can. Many people have experienced "
                                "systems acting on them without explanation. Being transparent, "
                                "even when the news is hard, can preserve the relationship.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: while talking with Kim, a new mother, about a "
                                "difficult week, she says her partner shook the baby to stop him "
                                "crying. Her peer supporter, Ana, stays calm, thanks her for "
                                "trusting her, and explains that she must talk to her supervisor "
                                "today because the baby's safety matters. Ana asks what Kim needs "
                                "to feel safe herself, and together they call the supervisor. Kim "
                                "is scared, but she knows exactly what is happening and that Ana "
                                "is still on her side.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "Practise saying your own explanation of confidentiality "
                                    "limits out loud. Does it sound like you? Would it make "
                                    "sense to someone who is exhausted and scared?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                (
                                    "Explain the limits of confidentiality at the start, in plain "
                                    "language."
                                ),
                                (
                                    "Limits include serious risk to self or others and abuse or "
                                    "neglect."
                                ),
                                "Learn your reporting duties under agency policy and Montana law.",
                                (
                                    "When you must share, do it transparently and with the person "
                                    "where possible."
                                ),
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Confidentiality check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": (
                            "A father calls and asks whether his adult daughter has been "
                            "meeting with you. She has not given permission to share anything. "
                            "What do you do?"
                        ),
                        "kind": "single",
                        "explanation": (
                            "Without consent you neither confirm nor deny. You can still offer "
                            "the caller support for themselves."
                        ),
                        "choices": [
                            (
                                "Tell him yes, because he is family.",
                                False,
                                (
                                    "Family members do not have a right to this information "
                                    "without her consent."
                                ),
                            ),
                            (
                                (
                                    "Neither confirm nor deny, and offer information about support "
                                    "for families."
                                ),
                                True,
                                "Yes. You protect her privacy and still respond to his concern.",
                            ),
                            (
                                "Tell him you cannot talk to him and hang up.",
                                False,
                                (
                                    "This protects privacy but misses a chance to support a "
                                    "worried parent."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Which situations are usual limits of confidentiality? Select all "
                            "that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "Serious risk of harm and suspected abuse or neglect are common "
                            "limits. Ordinary life choices, including returning to use, are "
                            "not."
                        ),
                        "choices": [
                            (
                                "Someone tells you they plan to end their life tonight.",
                                True,
                                (
                                    "Correct. Immediate risk of suicide means acting to keep them "
                                    "safe."
                                ),
                            ),
                            (
                                "You learn that a child is being physically abused.",
                                True,
                                (
                                    "Correct. Suspected child abuse must be reported under policy "
                                    "and law."
                                ),
                            ),
                            (
                                "Someone tells you they used last weekend.",
                                False,
                                (
                                    "Returning to use is not, by itself, a reason to break "
                                    "confidentiality."
                                ),
                            ),
                            (
                                "Someone says they will hurt a named neighbour.",
                                True,
                                (
                                    "Correct. A threat to a specific person goes to your "
                                    "supervisor at once."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Federal rules give records about substance use treatment extra "
                            "confidentiality protection."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "These records are protected by 42 CFR Part 2, in addition to "
                            "general health privacy law."
                        ),
                        "choices": [
                            ("True", True, "Correct. That is one reason careful habits matter."),
                            (
                                "False",
                                False,
                                (
                                    "Not quite. Substance use treatment records have extra federal "
                                    "protection."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "It is fine to share a story about someone you support with "
                            "friends as long as you leave out their name."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "In small communities, many details can identify a person. Debrief "
                            "in supervision instead."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. Details other than names can still identify someone.",
                            ),
                            (
                                "False",
                                True,
                                (
                                    "Correct. Stories belong in supervision or de-identified "
                                    "training, not socials."
                                ),
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Consent and self-determination",
            "summary": (
                "Everything in peer support rests on choice. This module covers informed, "
                "ongoing consent and how to honour a person's right to make their own "
                "decisions, including ones that worry you."
            ),
            "lessons": [
                {
                    "title": "Voluntary, informed and ongoing consent",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "Consent is a conversation, not a form"),
                        (
                            "paragraph",
                            (
                                "<p>Peer support is voluntary. People choose whether to connect "
                                "with you, what to talk about, and when to stop. Consent in peer "
                                "work has three parts. It is <strong>voluntary</strong>: given "
                                "without pressure, threats or rewards that are hard to refuse. It "
                                "is <strong>informed</strong>: the person understands what they "
                                "are agreeing to, including who will know and what will be written "
                                "down. And it is <strong>ongoing</strong>: it can be changed or "
                                "withdrawn at any time, and you check again when things change.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>There will be formal consent moments, such as signing a "
                                "release of information so you can talk with a care coordinator or "
                                "a probation officer. Take time with these. Read the form "
                                "together, explain who will receive what information and for how "
                                "long, and make clear that saying no will not end your support. "
                                "Some releases can be limited to certain information or people. If "
                                "the person is in crisis, intoxicated or very distressed, it may "
                                "be better to wait.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Everyday consent in peer work:</p><ul><li>Ask before you "
                                "touch, including a hug or a hand on the shoulder.</li><li>Ask "
                                "before sharing someone's story, even a success story, in a group, "
                                "newsletter or training.</li><li>Ask before taking or posting "
                                "photos, including at a celebration.</li><li>Ask before bringing "
                                "another person into a conversation, even a colleague.</li><li>Ask "
                                "again when circumstances change: a new partner, a new setting, a "
                                "new stage of recovery.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: at a recovery celebration, a peer supporter wants to "
                                "post a group photo to the program's page. Instead of asking the "
                                "whole group at once, where saying no feels awkward, she asks "
                                "people one at a time, privately. Two people prefer not to be in "
                                "the photo. She takes one picture with everyone, just for the "
                                "group, and a second for the page without them.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Sometimes a person cannot give real consent in the moment: "
                                "they may be intoxicated, in acute crisis or too exhausted to take "
                                "in information. Unless there is an emergency, wait and come back "
                                "to the decision when they are able to weigh it. Be careful, too, "
                                "with warm handoffs. Before you introduce someone to a care "
                                "coordinator or share what they told you, check that they still "
                                "want you to, even if they agreed last week. Consent that was "
                                "right for one situation may not cover the next.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "text": (
                                    'A person\'s "yes" only counts if "no" was a real option. '
                                    "Make saying no easy and free of consequences."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Consent is voluntary, informed and ongoing.",
                                "Releases of information deserve time and plain explanation.",
                                "Ask before touch, photos and sharing anyone's story.",
                                "A yes only counts if no was a safe option.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "Choice, self-determination and the dignity of risk",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "Their life, their path"),
                        (
                            "paragraph",
                            (
                                "<p>Self-determination means the person you support directs their "
                                "own life and recovery. There are many pathways: mutual-help "
                                "groups, medication for opioid use disorder, faith and cultural "
                                "practices, harm reduction, treatment, or recovery without any "
                                "formal program. Your role is not to choose the right path but to "
                                "help people see their options, reflect on what they want, and "
                                "take steps toward it. You may have a pathway that saved your "
                                "life. That story can offer hope, but it is not a prescription for "
                                "someone else.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The <strong>dignity of risk</strong> is the idea that people "
                                "have the right to make choices, including risky ones, and to "
                                "learn from them, just as everyone else does. Protecting people "
                                "from every risk can take away their chance to grow. Peer support "
                                "embraces positive risk-taking: trying a new job, moving out of a "
                                "shelter, reconnecting with family, or deciding to stop a service "
                                "that is not working for them.</p>"
                            ),
                        ),
                        ("heading", "When a choice worries you"),
                        (
                            "paragraph",
                            (
                                "<ul><li>Be honest about your concern, once, without lecturing: "
                                '"Can I share something I\'m worried about?"</li><li>Explore what '
                                "matters to them about the choice. People rarely choose something "
                                "for no reason.</li><li>Share relevant information, including harm "
                                "reduction, so they can make the choice as safely as "
                                "possible.</li><li>Help them plan: \"If this doesn't go the way "
                                'you hope, what would you want to do?"</li><li>Stay connected. '
                                "Make it clear that the door stays open whatever they "
                                "decide.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: Lee has been in recovery for two months and wants to "
                                "go to his brother's wedding, where there will be drinking. His "
                                "peer supporter remembers a wedding that did not go well for her. "
                                "She asks Lee what the day means to him, shares briefly what "
                                "helped her at later events (arriving late, having a sober friend, "
                                "knowing her exit plan), and asks what he wants to have in place. "
                                "Lee decides to go, takes a friend from his group and plans a call "
                                "with her the next morning. The choice stays his.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "Self-determination has limits when there is immediate "
                                    "danger to life, such as an overdose or a suicide attempt "
                                    "in progress. In those moments you act to keep people "
                                    "alive, then return to choice as soon as it is safe."
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "When someone made a choice you thought was a mistake, how "
                                    "did you want others to respond? How did the people who "
                                    "helped most actually respond?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "There are many pathways to recovery; the person chooses theirs.",
                                (
                                    "The dignity of risk includes the right to make and learn from "
                                    "choices."
                                ),
                                "Voice concern once, explore, inform, plan, and stay connected.",
                                "Immediate danger to life is the exception where you act first.",
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Consent and choice check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": "Which describes consent in peer support?",
                        "kind": "single",
                        "explanation": (
                            "Consent must be voluntary, informed and can be changed at any time."
                        ),
                        "choices": [
                            (
                                (
                                    "Something signed once at intake that covers everything "
                                    "afterwards."
                                ),
                                False,
                                "Forms matter, but consent is ongoing and can be withdrawn.",
                            ),
                            (
                                "Voluntary, informed and ongoing, with a real option to say no.",
                                True,
                                "Yes. That is the heart of consent.",
                            ),
                            (
                                "Only needed for medical procedures.",
                                False,
                                (
                                    "Consent applies to touch, sharing stories, photos and "
                                    "releases of information too."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "A person you support wants to stop attending a group you think is "
                            "helping them. Which responses respect self-determination? Select "
                            "all that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "Respecting choice means exploring, informing and staying "
                            "connected, not pressuring or threatening."
                        ),
                        "choices": [
                            (
                                "Ask what is not working for them about the group.",
                                True,
                                (
                                    "Correct. Curiosity helps them reflect and may reveal a "
                                    "fixable problem."
                                ),
                            ),
                            (
                                "Tell them you will stop meeting if they quit.",
                                False,
                                "Making support conditional is coercion and breaks trust.",
                            ),
                            (
                                "Share other options they might want to try.",
                                True,
                                "Correct. Information widens their choices.",
                            ),
                            (
                                "Make clear the door stays open whatever they decide.",
                                True,
                                (
                                    "Correct. Staying connected is one of the most powerful things "
                                    "you can do."
                                ),
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Asking a group all at once whether you may post their photo is "
                            "the best way to get real consent."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "People may feel pressure to agree in front of others. Asking "
                            "individually and privately makes saying no easier."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. Group pressure can make a yes less than voluntary.",
                            ),
                            ("False", True, "Correct. Ask privately so no is a real option."),
                        ],
                    },
                    {
                        "prompt": (
                            "The dignity of risk means people have the right to make choices, "
                            "including risky ones, and learn from them."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Over-protecting people can take away their chance to grow. "
                            "Immediate danger to life is the exception."
                        ),
                        "choices": [
                            ("True", True, "Correct."),
                            (
                                "False",
                                False,
                                "Not quite. Dignity of risk is a core recovery principle.",
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Mutuality and lived experience",
            "summary": (
                "Mutuality and lived experience are what make peer support different from "
                "every other helping role. This module explores how to build a horizontal "
                "relationship and how to share your story with purpose."
            ),
            "lessons": [
                {
                    "title": "Mutuality: walking alongside",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "From helping to learning together"),
                        (
                            "paragraph",
                            (
                                "<p>Mutuality means both people in the relationship give and "
                                "receive. It does not mean you share everything or that your needs "
                                "are met by the person you support. It means you meet as equals, "
                                "each with knowledge to offer. Many people who come to peer "
                                "support have spent years being told what is wrong with them and "
                                "what to do. A horizontal relationship offers something different: "
                                "curiosity about how they see their own life, and the belief that "
                                "they can grow.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Intentional Peer Support, the approach used at One Health, "
                                "describes four tasks: <strong>connection</strong>, building a "
                                "real relationship; <strong>worldview</strong>, getting curious "
                                "about how each of you makes sense of your experiences; "
                                "<strong>mutuality</strong>, sharing power and responsibility in "
                                "the relationship; and <strong>moving towards</strong>, focusing "
                                "on what people want to build rather than only what they want to "
                                "avoid. Peer supporters also lead groups that everyone benefits "
                                "from, themselves included: parenting classes, workout groups, "
                                "book clubs or bible studies. The belief that giving help is also "
                                "healing is part of the practice.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                '<p>Mutuality in practice:</p><ul><li>Ask "What happened?" and '
                                '"What do you want?" rather than "What\'s wrong with '
                                'you?"</li><li>Use everyday words, not clinical '
                                "language.</li><li>Notice when you start fixing, advising or "
                                "deciding, and hand the question back.</li><li>Be willing to learn "
                                "from the person you support and say so.</li><li>Share power in "
                                "small things: where you meet, what you talk about, when you "
                                "end.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: a peer supporter asks a woman what she wants from "
                                "their time together. She says she wants to get her driver's "
                                "licence back. The peer supporter has no idea how reinstatement "
                                "works in Montana after a suspension, and says so. They work it "
                                "out together, calling the motor vehicle division and making a "
                                "list. By the end, the woman is explaining the steps to someone "
                                "else in her group.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Mutuality does not mean pretending there are no differences. "
                                "You are paid for this work, you write notes, you may have keys to "
                                "the building or know people at the clinic. Being honest about "
                                "these differences is part of a mutual relationship. You might "
                                'say, "I do have to write a short note after we meet. Do you want '
                                'to see what I write?" Naming power openly, and sharing it where '
                                "you can, is more respectful than acting as if it does not "
                                "exist.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    'Think of a helping relationship where you felt "less '
                                    'than". What did the other person do? What would mutuality '
                                    "have looked like instead?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Mutuality means meeting as equals, each with something to offer.",
                                (
                                    "Intentional Peer Support: connection, worldview, mutuality, "
                                    "moving towards."
                                ),
                                "Curiosity replaces assessment; everyday words replace jargon.",
                                "Giving help is also part of the peer supporter's own healing.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "Sharing your story with purpose",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "Your experience is a tool, used with care"),
                        (
                            "paragraph",
                            (
                                "<p>Your lived experience creates authenticity, builds trust, "
                                "reduces stigma and shows that recovery is real. But sharing your "
                                "story is not the same as telling it all. Purposeful "
                                "self-disclosure means choosing what to share, when and how much, "
                                "with the other person's needs at the centre. Before you share, "
                                "ask yourself three questions: <strong>Why</strong> am I sharing "
                                "this now? <strong>Whose</strong> needs does it meet? "
                                "<strong>How</strong> will I bring the focus back to them?</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Guidelines for purposeful sharing:</p><ul><li>Keep it brief. A "
                                "sentence or two is often enough: \"I've been there. The first "
                                'month was the hardest for me too."</li><li>Share the hope, not '
                                "just the struggle. Include what helped.</li><li>Leave out graphic "
                                "details of use, self-harm or trauma. They can trigger others and "
                                "are rarely needed.</li><li>Don't compare: your path is one path, "
                                "not the path.</li><li>Return the focus: \"What's it been like for "
                                'you?"</li><li>Share only what you are at peace sharing. You '
                                "decide what stays private.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Your story also belongs to you in another sense. Your agency "
                                "needs to know that you have lived experience, and the hub records "
                                "only that an attestation is on file. It does not store your "
                                "diagnosis or history. Colleagues should not ask intrusive "
                                "questions about your past, and you never owe anyone details as "
                                "proof that you are a real peer. If it happens, you can bring it "
                                "to your supervisor.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: a young man tells Joe that he has relapsed after six "
                                "months and feels like a fraud. Joe could tell him about every "
                                'relapse he ever had. Instead he says: "I had a relapse at eight '
                                "months. I thought I'd thrown everything away. It turned out I "
                                "hadn't, and neither have you. What do you need this week?\" Three "
                                "sentences of story, followed by a question that hands the "
                                "conversation back.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Think carefully, too, about sharing in public: at a community "
                                "event, in a local newspaper or online. Once your story is public "
                                "in a small town, you cannot take it back, and it may affect your "
                                "family. Decide ahead of time which parts of your story are for "
                                "one-to-one conversations, which are for groups, and which stay "
                                "private. If part of your story still feels raw, it is wise to "
                                "keep it for your own supports until it feels settled.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "If you notice you are sharing to feel understood "
                                    "yourself, or a topic stirs up strong feelings, pause. "
                                    "Those needs are real and deserve attention, from your own "
                                    "supports and supervision, not from the person you support."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                (
                                    "Ask why, whose needs, and how you will return the focus "
                                    "before you share."
                                ),
                                "Brief, hopeful and without graphic detail.",
                                "Your path is one path, not the path.",
                                (
                                    "You decide what stays private; an attestation is all the hub "
                                    "keeps."
                                ),
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Mutuality and lived experience check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": "Which question best reflects a horizontal, mutual relationship?",
                        "kind": "single",
                        "explanation": (
                            "Mutual relationships start with curiosity about what happened and "
                            "what the person wants, not with assessing what is wrong."
                        ),
                        "choices": [
                            (
                                '"What\'s wrong with you?"',
                                False,
                                "This frames the person as the problem.",
                            ),
                            (
                                '"What do you want to build in your life right now?"',
                                True,
                                "Yes. It invites the person to lead and focuses on moving towards.",
                            ),
                            (
                                '"Have you been taking your medication?"',
                                False,
                                "This is a compliance question, not a mutual one.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Which are good guidelines for sharing your lived experience? "
                            "Select all that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "Purposeful sharing is brief, hopeful, free of graphic detail and "
                            "returns the focus to the other person."
                        ),
                        "choices": [
                            (
                                "Keep it brief and include what helped.",
                                True,
                                "Correct. Hope is the point of sharing.",
                            ),
                            (
                                "Describe your worst days in detail so they know you mean it.",
                                False,
                                "Graphic details can trigger others and are rarely needed.",
                            ),
                            (
                                "Bring the focus back to the person afterwards.",
                                True,
                                "Correct. The conversation is about them.",
                            ),
                            (
                                "Explain that your recovery pathway is the one that works.",
                                False,
                                "Your path is one path among many.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Mutuality means you should rely on the people you support for "
                            "your own emotional support."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Mutuality means meeting as equals, not meeting your needs through "
                            "them. Your own supports and supervision are for that."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. Your own needs belong with your own supports.",
                            ),
                            ("False", True, "Correct."),
                        ],
                    },
                    {
                        "prompt": (
                            "A peer supporter owes colleagues a detailed account of their past "
                            "to prove their lived experience."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Lived experience is recorded only as an attestation. Intrusive "
                            "questions are a form of stigma you can raise in supervision."
                        ),
                        "choices": [
                            ("True", False, "Not quite. You decide what to share."),
                            (
                                "False",
                                True,
                                "Correct. An attestation is enough; your story is yours.",
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Trauma-informed practice",
            "summary": (
                "Most people who seek peer support have lived through trauma, and many peer "
                "supporters have too. This module introduces trauma-informed principles and "
                "how they show up in everyday peer work."
            ),
            "lessons": [
                {
                    "title": "What trauma-informed means",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", 'From "What\'s wrong with you?" to "What happened to you?"'),
                        (
                            "paragraph",
                            (
                                "<p>Trauma is an event or series of events that a person "
                                "experiences as harmful or life-threatening and that has lasting "
                                "effects on their wellbeing. Violence, abuse, neglect, loss, war, "
                                "disasters, racism and the harms done to whole communities can all "
                                "be traumatic. Trauma is common among people living with substance "
                                "use and mental health challenges. Many behaviours that look "
                                '"difficult" make sense as ways of surviving: being on guard, not '
                                "trusting helpers, leaving when things feel unsafe, or using "
                                "substances to cope.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A trauma-informed approach, as described by SAMHSA, rests on "
                                "four Rs. A program <strong>realizes</strong> how widespread "
                                "trauma is and that recovery is possible; "
                                "<strong>recognizes</strong> the signs of trauma in people, "
                                "families and staff; <strong>responds</strong> by building this "
                                "knowledge into how it works; and <strong>resists "
                                "re-traumatization</strong>, avoiding practices that repeat old "
                                "harms.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>SAMHSA's six principles of a trauma-informed "
                                "approach:</p><ul><li><strong>Safety</strong>, physical and "
                                "emotional.</li><li><strong>Trustworthiness and "
                                "transparency</strong>: do what you say, and explain what is "
                                "happening.</li><li><strong>Peer support</strong>: mutual "
                                "self-help is one of the principles "
                                "itself.</li><li><strong>Collaboration and mutuality</strong>: "
                                "power is shared.</li><li><strong>Empowerment, voice and "
                                "choice</strong>: build on strengths.</li><li><strong>Cultural, "
                                "historical and gender issues</strong>: recognise historical "
                                "trauma and respond to culture and gender.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Notice that peer support is named as a principle of "
                                "trauma-informed care. The values you already practise, mutuality, "
                                "choice and transparency, are exactly what trauma-informed care "
                                "asks of whole systems. In eastern Montana, recognising historical "
                                "trauma matters: many Indigenous families carry the effects of "
                                "boarding schools and the loss of land and culture across "
                                "generations, alongside deep community and cultural strengths.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Systems can re-traumatize people without meaning to. Long "
                                "waits with no explanation, being searched, uniforms, locked "
                                "doors, being talked about rather than to, and rules that are "
                                "enforced without reasons can all echo earlier experiences of "
                                "being powerless. Peers are often the first to notice these "
                                "things, because they remember how it felt. Part of a peer's role "
                                "on an integrated team is to share that perspective respectfully, "
                                "for example by suggesting that the front desk explains delays, or "
                                "that people are offered a choice of a male or female staff member "
                                "when that matters to them.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "text": (
                                    "Being trauma-informed does not mean asking people about "
                                    "their trauma. It means creating conditions where people "
                                    "feel safe whether or not they ever tell you their story."
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "Which of the six principles did you most need when you "
                                    "first sought help? Which was missing?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                (
                                    "Trauma is common and many survival responses make sense in "
                                    "context."
                                ),
                                (
                                    "The four Rs: realize, recognize, respond, resist "
                                    "re-traumatization."
                                ),
                                (
                                    "Six principles include safety, transparency, peer support and "
                                    "choice."
                                ),
                                "Historical and cultural trauma are part of the picture.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "Trauma-informed responses in everyday peer work",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "Small choices that build safety"),
                        (
                            "paragraph",
                            (
                                "<p>Trauma-informed peer work is made of small, practical choices. "
                                "Offer people a choice of where to sit and leave them a clear path "
                                "to the door. Explain what will happen before it happens, like who "
                                "else will be at an appointment. Keep your promises, and if you "
                                "cannot, explain why. Let people set the pace of what they share, "
                                "and never press for details of what happened to them. Notice "
                                "signs that someone is becoming overwhelmed: going quiet, staring, "
                                "breathing fast, becoming suddenly angry or restless.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>If someone becomes overwhelmed while talking with "
                                "you:</p><ol><li>Slow down and lower your voice.</li><li>Name what "
                                'you notice gently: "It looks like this is a lot right '
                                'now."</li><li>Offer a choice: a break, a walk, a glass of water, '
                                "changing the subject.</li><li>Offer a grounding exercise if they "
                                "want one, such as naming five things they can see, or feeling "
                                "their feet on the floor.</li><li>Let them decide when, or "
                                "whether, to come back to the topic.</li></ol>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: Tasha is helping a woman fill out a housing "
                                "application in a busy office. The woman freezes at the question "
                                "about previous addresses, then snaps that this is stupid. Tasha "
                                'does not take it personally. She says quietly, "These forms can '
                                'bring up a lot. Want to step outside for a minute?" Outside, the '
                                "woman says the address is where her ex hurt her. They decide "
                                "together to finish the form at the library the next day.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Language matters as much as actions. Words like "
                                '"manipulative", "attention-seeking" or "non-compliant" describe '
                                "behaviour from the outside and can shut down curiosity. Try "
                                'instead to describe what you see and wonder what it means: "She '
                                'left the appointment early; I wonder what felt unsafe." '
                                "Consistency is also a trauma-informed practice. Turning up when "
                                "you said you would, keeping the same meeting place, and telling "
                                "people early when something changes helps nervous systems that "
                                "have learned to expect the worst begin to settle. Trust is often "
                                "rebuilt through many small, predictable moments rather than one "
                                "big conversation.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "Your own trauma may be stirred by someone else's story. "
                                    "That is normal, not a failure. Notice it, use your own "
                                    "grounding, and bring it to supervision or your support "
                                    "network."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Offer choice, explain what will happen and keep your promises.",
                                "Never press for trauma details; let people set the pace.",
                                "Notice overwhelm and respond with calm, choice and grounding.",
                                "Your own reactions deserve care too.",
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Trauma-informed practice check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": (
                            "Which of these is a trauma-informed response when someone shuts "
                            "down during a conversation?"
                        ),
                        "kind": "single",
                        "explanation": (
                            "Naming what you notice and offering choices restores a sense of "
                            "safety and control."
                        ),
                        "choices": [
                            (
                                "Keep going so you finish the task on time.",
                                False,
                                "Pushing on can deepen the sense of being unsafe.",
                            ),
                            (
                                "Ask them to tell you what happened to them so you can understand.",
                                False,
                                "Pressing for trauma details can re-traumatize.",
                            ),
                            (
                                "Gently name what you notice and offer a break or another choice.",
                                True,
                                "Yes. Choice and calm help the person feel safe again.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Which are among SAMHSA's six principles of a trauma-informed "
                            "approach? Select all that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "The six principles are safety; trustworthiness and transparency; "
                            "peer support; collaboration and mutuality; empowerment, voice and "
                            "choice; and cultural, historical and gender issues."
                        ),
                        "choices": [
                            ("Safety.", True, "Correct."),
                            (
                                "Peer support.",
                                True,
                                "Correct. Peer support is a principle in itself.",
                            ),
                            (
                                "Compliance with treatment.",
                                False,
                                "Compliance is not a trauma-informed principle; choice is.",
                            ),
                            ("Empowerment, voice and choice.", True, "Correct."),
                        ],
                    },
                    {
                        "prompt": (
                            "Being trauma-informed means asking everyone you support to "
                            "describe their trauma."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Trauma-informed practice creates safety whether or not someone "
                            "ever tells their story."
                        ),
                        "choices": [
                            ("True", False, "Not quite. Asking for details can cause harm."),
                            ("False", True, "Correct."),
                        ],
                    },
                    {
                        "prompt": (
                            "Resisting re-traumatization is one of the four Rs of a "
                            "trauma-informed approach."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "The four Rs are realize, recognize, respond and resist "
                            "re-traumatization."
                        ),
                        "choices": [
                            ("True", True, "Correct."),
                            ("False", False, "Not quite. It is the fourth R."),
                        ],
                    },
                    {
                        "prompt": (
                            "Which behaviour may make sense as a survival response to trauma?"
                        ),
                        "kind": "single",
                        "explanation": (
                            "Being on guard around helpers can be a sensible response to past "
                            "harm by people in positions of trust."
                        ),
                        "choices": [
                            (
                                "Not trusting helpers at first.",
                                True,
                                "Yes. Trust is earned, especially after harm.",
                            ),
                            (
                                "None; difficult behaviour is just a choice.",
                                False,
                                (
                                    "Trauma-informed practice asks what happened before judging "
                                    "behaviour."
                                ),
                            ),
                            (
                                "Only behaviours that a clinician has diagnosed.",
                                False,
                                "Survival responses exist whether or not anyone has named them.",
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Self-care and peer drift",
            "summary": (
                "You cannot pour from an empty cup, and you cannot stay a peer if the job "
                "slowly turns you into something else. This module covers sustaining your own "
                "wellbeing and recognising peer drift."
            ),
            "lessons": [
                {
                    "title": "Caring for yourself in the work",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "Your recovery comes first"),
                        (
                            "paragraph",
                            (
                                "<p>Peer work draws on your own experience every day, which is "
                                "both its power and its cost. Hearing stories of loss, overdose "
                                "and trauma can lead to <strong>compassion fatigue</strong> "
                                "(emotional exhaustion from caring), <strong>vicarious "
                                "trauma</strong> (being changed by others' trauma, for example "
                                "feeling less safe in the world) and <strong>burnout</strong> "
                                "(feeling worn out, cynical and ineffective, often because of "
                                "workload and workplace pressures). These are occupational "
                                "hazards, not personal weaknesses, and they are easier to address "
                                "early.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Warning signs to watch for in yourself:</p><ul><li>Sleeping "
                                "badly, dreading work, or thinking about the people you support "
                                "all the time.</li><li>Feeling numb, irritable or hopeless about "
                                "people changing.</li><li>Pulling away from your own supports or "
                                "recovery activities.</li><li>Craving, or returning to old ways of "
                                "coping.</li><li>Working longer hours and finding it hard to say "
                                "no.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A written wellness plan helps. Many peers use a Wellness "
                                "Recovery Action Plan (WRAP) or something similar: a list of what "
                                "keeps you well day to day, your early warning signs, and what you "
                                "and others will do if things get harder. Build recovery into your "
                                "week the same way you schedule appointments: meetings, ceremony, "
                                "faith, exercise, time outside, time with people who are not part "
                                "of your work.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: after two overdose deaths in the same month, Sam "
                                "notices he is snapping at his kids and skipping his own meetings. "
                                "He tells his supervisor, who arranges a debrief with the team, "
                                "adjusts his caseload for two weeks and reminds him of the "
                                "employee assistance program. Sam adds an extra meeting to his "
                                "week. Asking for help was part of doing his job well.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Self-care is not only your job. Your organisation is "
                                "responsible for reasonable workloads, debriefs after critical "
                                "incidents, and supervision that asks how you are, not just what "
                                "you did. Protect your time off: switch off your work phone, and "
                                "let colleagues cover. If you return to use or your mental health "
                                "gets harder, that does not erase your experience or your worth as "
                                "a peer. Talk to your supervisor as early as you can. Many "
                                "agencies have clear, supportive policies for stepping back, "
                                "getting support and returning to work.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "List three things that keep you well, two early warning "
                                    "signs that you are struggling, and one person you will "
                                    "tell when you notice them."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                (
                                    "Compassion fatigue, vicarious trauma and burnout are "
                                    "occupational hazards."
                                ),
                                "Watch for early warning signs in yourself.",
                                "A written wellness plan such as WRAP makes self-care concrete.",
                                "Asking for help is part of doing the job well.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "Recognising and preventing peer drift",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "What peer drift looks like"),
                        (
                            "paragraph",
                            (
                                "<p>Peer drift happens when a peer supporter gradually stops "
                                "working as a peer and starts working like another profession. It "
                                "rarely happens on purpose. It can come from inside, because you "
                                "want to fit in with clinical colleagues or feel more "
                                '"professional", or from the organisation, when peers are expected '
                                "to take on tasks outside their role. Drift matters because the "
                                "moment you stop being a peer, the person you support loses the "
                                "one relationship that was built on equality and shared "
                                "experience.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Signs of individual and organisational drift:</p><ul><li>Using "
                                'clinical language: "non-compliant", "presenting with", '
                                '"manipulative".</li><li>Giving advice and setting goals for '
                                "people rather than with them.</li><li>Stopping sharing your lived "
                                "experience because it feels unprofessional.</li><li>Reporting on "
                                "people's behaviour to enforce rules.</li><li>Spending most of "
                                "your time driving, filing or doing case "
                                "management.</li><li>Losing touch with the wider peer "
                                "community.</li></ul>"
                            ),
                        ),
                        ("heading", "Preventing drift"),
                        (
                            "paragraph",
                            (
                                "<p>Prevention is shared between you and your organisation. For "
                                "you, it means regular reflection: at the end of the week, ask "
                                "which conversations felt truly mutual and which felt like you "
                                "were managing someone. It means staying connected with other "
                                "peers, through a community of practice, peer networks or "
                                "continuing education. For the organisation, it means a clearly "
                                "written role, team training about what peers do, and supervision "
                                "that understands the peer model. If you are regularly asked to do "
                                "things outside your role, it is appropriate and professional to "
                                "raise it.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: over six months, Priya's days have filled with "
                                "driving people to appointments. Nobody asked her to stop doing "
                                "peer support, but there is no time left for it. In supervision "
                                "she describes the pattern, and her supervisor takes it to the "
                                "team. They arrange volunteer drivers and protect Priya's time for "
                                "groups and one-to-one peer work. Rides still happen when they are "
                                "part of a peer conversation, not instead of one.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Small language shifts keep you in peer "
                                'territory:</p><ul><li>Instead of "non-compliant": "has other '
                                'priorities right now" or "isn\'t sure that plan '
                                'fits".</li><li>Instead of "presenting with": describe what the '
                                'person said in their own words.</li><li>Instead of "you need to": '
                                '"what do you think might help?"</li></ul>'
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "Drift can also go the other way, toward becoming a friend "
                                    "with no boundaries. Both directions move away from the "
                                    "peer role."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Peer drift is gradually working like another profession.",
                                "It can come from you or from the organisation.",
                                (
                                    "Watch your language, your advice-giving and how your time is "
                                    "spent."
                                ),
                                "Reflection, peer networks and good supervision prevent drift.",
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Self-care and peer drift check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": "Which is the best description of peer drift?",
                        "kind": "single",
                        "explanation": (
                            "Peer drift is a gradual move away from the peer role, towards "
                            "working like another profession."
                        ),
                        "choices": [
                            (
                                "Moving between different peer jobs.",
                                False,
                                "Changing jobs is not drift.",
                            ),
                            (
                                (
                                    "Gradually working like a clinician or case manager instead of "
                                    "a peer."
                                ),
                                True,
                                "Yes. It often happens without anyone intending it.",
                            ),
                            (
                                "Returning to substance use.",
                                False,
                                "Drift is about the role, not about your recovery.",
                            ),
                        ],
                    },
                    {
                        "prompt": "Which could be signs of peer drift? Select all that apply.",
                        "kind": "multiple",
                        "explanation": (
                            "Clinical language, advice-giving and spending most time on "
                            "non-peer tasks are common signs."
                        ),
                        "choices": [
                            (
                                'Describing someone as "non-compliant".',
                                True,
                                "Correct. Clinical, judgmental language is a sign of drift.",
                            ),
                            ("Setting goals for someone instead of with them.", True, "Correct."),
                            (
                                "Sharing a brief piece of your story to offer hope.",
                                False,
                                "This is core peer practice.",
                            ),
                            (
                                "Spending most of each week doing paperwork and rides.",
                                True,
                                "Correct. This is often organisational drift.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Compassion fatigue is a sign that you are not suited to peer work."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Compassion fatigue is an occupational hazard of caring work, and "
                            "it responds to support."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. It is a common hazard, not a personal failure.",
                            ),
                            ("False", True, "Correct."),
                        ],
                    },
                    {
                        "prompt": (
                            "Raising it with your supervisor when you are regularly asked to "
                            "work outside your role is professional practice."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Naming organisational drift helps protect the peer model for everyone."
                        ),
                        "choices": [
                            ("True", True, "Correct."),
                            (
                                "False",
                                False,
                                "Not quite. It is appropriate and professional to raise it.",
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Fidelity to the peer model",
            "summary": (
                "Fidelity means staying true to what makes peer support work. This module "
                "brings together the values of the model and the structures that protect them: "
                "supervision, continuing education and the wider peer community."
            ),
            "lessons": [
                {
                    "title": "Staying true to the peer model",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "The core values"),
                        (
                            "paragraph",
                            (
                                "<p>Fidelity to the peer model means that what happens in practice "
                                "matches the values peer support is built on. Those values include "
                                "valuing lived experience; emphasising hope and recovery; "
                                "embracing mutuality and reciprocity; using non-clinical and "
                                "voluntary approaches; recognising boundaries and limitations; and "
                                "having quality training and supervision. When these values are "
                                "present, peer support produces what it is known for: increased "
                                "hope, self-esteem, a sense of control, social connection and "
                                "community participation, and less self-stigma.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Barriers to fidelity are usually not about bad intentions. "
                                "Organisations may not know what peers do. Job descriptions may be "
                                "vague. Supervisors may not have peer experience. Peers may feel "
                                "isolated from other peers. Each of these can be addressed: "
                                "team-wide training on the peer scope of practice, well-defined "
                                "roles, supervision that understands peer work, strong peer "
                                "networks, and continuing education including training on "
                                "vicarious trauma and compassion fatigue.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A quick fidelity self-check after a "
                                "conversation:</p><ul><li>Did the person lead the conversation and "
                                "set the goals?</li><li>Did I share my experience in a way that "
                                "offered hope?</li><li>Was the relationship voluntary and "
                                "mutual?</li><li>Did I stay within my role and connect them to "
                                "other help as needed?</li><li>Would the person describe me as an "
                                "equal?</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: a new manager asks peers to collect a screening "
                                "questionnaire at every contact so the clinic can count outcomes. "
                                "The peer team explains that reading a clinical screening to "
                                "someone at a bus stop would change the relationship. Together "
                                "they agree that peers will offer information about screening at "
                                "the clinic, and the program will measure what peer support "
                                "changes, such as connection and hope, through a short, voluntary "
                                "survey.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Fidelity matters beyond any single conversation. In a "
                                "community like ours, peers carry trust between people and "
                                "systems. When a peer supporter trusts the clinic and its "
                                "providers, that trust is passed on to people who do not yet trust "
                                "any service. That only works if the peer relationship stays "
                                "genuine. If peers become enforcers or messengers for a system, "
                                "word travels fast and the trust that brought people through the "
                                "door is lost. Respectful, trusting, asset-based relationships "
                                "between an organisation and its peer staff are what make that "
                                "bridge possible.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "text": (
                                    "Peer support outcomes are measured differently from "
                                    "clinical outcomes: think self-esteem, self-stigma, social "
                                    "connectedness, community participation and quality of "
                                    "life."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Fidelity means practice matches peer values.",
                                "Barriers are usually organisational, and can be addressed.",
                                "Use a quick self-check after conversations.",
                                "Measure what peer support actually changes.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "Supervision, continuing education and the peer community",
                    "estimated_minutes": 75,
                    "body": [
                        ("heading", "Supervision is required and valuable"),
                        (
                            "paragraph",
                            (
                                "<p>In Montana, a certified behavioral health peer support "
                                "specialist works under the supervision of a qualified supervisor. "
                                "Good supervision is not about being watched. It is a regular "
                                "space to reflect on your practice, talk through ethical "
                                "questions, plan your growth and check in on your own wellbeing. "
                                "Bring real situations, including the ones where you are not sure "
                                "you did the right thing. Supervision records, such as the date, "
                                "length and a summary of what was discussed, are kept by the "
                                "agency; they are not shared with HR or the public.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Things worth bringing to supervision:</p><ul><li>A situation "
                                "you are unsure about, especially a boundary or confidentiality "
                                "question.</li><li>Patterns: the same kind of request keeps coming "
                                "up.</li><li>Your own reactions: what stirred you up this "
                                "week?</li><li>Role clarity and tasks you are asked to "
                                "do.</li><li>Strengths: what went well, and why.</li><li>Your "
                                "goals for learning and career growth.</li></ul>"
                            ),
                        ),
                        ("heading", "Keeping your certification current"),
                        (
                            "paragraph",
                            (
                                "<p>State certification is renewed regularly and requires "
                                "continuing education. At the time of writing, Montana "
                                "certification runs on a calendar year and asks for 20 continuing "
                                "education hours a year, including suicide prevention training "
                                "every two years. Rules change, so always check the Montana Board "
                                "of Behavioral Health's current requirements. This hub helps you "
                                "track your hours, and the continuing-education electives are "
                                "designed to count toward them.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Finally, stay connected to the wider peer community. Peer "
                                "networks, communities of practice and conferences remind you that "
                                "you are part of a movement, not a lone worker. They are where you "
                                "hear how others handle the same dilemmas, and where peer values "
                                "are renewed.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Make supervision work for you. Before each session, jot down "
                                "two or three things you want to talk about, including one thing "
                                "that went well. Good supervision of peers is strengths-based, "
                                "understands the peer role and helps you stay true to it rather "
                                "than pulling you toward clinical ways of working. If your "
                                "supervisor is someone who once supported you in their own work, "
                                "or you feel unable to be honest with them, raise it with your "
                                "program lead; another arrangement may be possible.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "What is one question you would bring to your next "
                                    "supervision session? What would make it easier to bring?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "A Montana CBHPSS works under a qualified supervisor.",
                                "Supervision is for reflection, ethics, growth and wellbeing.",
                                (
                                    "Certification requires continuing education; check current "
                                    "Board rules."
                                ),
                                "Peer networks keep you connected to the values of the work.",
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Fidelity check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": (
                            "Which outcome best reflects what peer support is designed to change?"
                        ),
                        "kind": "single",
                        "explanation": (
                            "Peer support outcomes are about hope, connection and "
                            "self-direction rather than clinical measures."
                        ),
                        "choices": [
                            (
                                "Number of missed appointments.",
                                False,
                                (
                                    "Attendance may change, but it is not the core purpose of peer "
                                    "support."
                                ),
                            ),
                            (
                                "A person's sense of hope and social connection.",
                                True,
                                "Yes. These are central peer support outcomes.",
                            ),
                            ("Diagnosis accuracy.", False, "Diagnosis is clinical work."),
                        ],
                    },
                    {
                        "prompt": (
                            "Which strategies help protect fidelity to the peer model? Select "
                            "all that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "Clear roles, team training, peer-informed supervision and peer "
                            "networks all protect fidelity."
                        ),
                        "choices": [
                            ("Well-defined peer job descriptions.", True, "Correct."),
                            ("Team-wide training on the peer scope of practice.", True, "Correct."),
                            (
                                "Assigning peers whatever tasks are left over.",
                                False,
                                "This leads to organisational drift.",
                            ),
                            (
                                "Connection to peer networks and continuing education.",
                                True,
                                "Correct.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "In Montana, a certified peer support specialist may practise "
                            "without a supervisor once they have a year of experience."
                        ),
                        "kind": "true_false",
                        "explanation": "A Montana CBHPSS works under a qualified supervisor.",
                        "choices": [
                            ("True", False, "Not quite. Supervision is a requirement of practice."),
                            ("False", True, "Correct."),
                        ],
                    },
                    {
                        "prompt": (
                            "Supervision is a good place to bring situations where you are not "
                            "sure you did the right thing."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Supervision is for reflection and learning, not only for reporting."
                        ),
                        "choices": [
                            ("True", True, "Correct."),
                            (
                                "False",
                                False,
                                "Not quite. These are exactly the situations supervision is for.",
                            ),
                        ],
                    },
                ],
            },
        },
        {
            "title": "Ethical decision-making",
            "summary": (
                "Real situations rarely come labelled. This module gives you a step-by-step "
                "way to work through ethical dilemmas and practise it on situations peer "
                "supporters actually face."
            ),
            "lessons": [
                {
                    "title": "A step-by-step way to work through dilemmas",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "When values pull in different directions"),
                        (
                            "paragraph",
                            (
                                "<p>An ethical dilemma is a situation where two or more good "
                                "values point in different directions, such as respecting "
                                "someone's choice and keeping them safe, or being kind and keeping "
                                "a boundary. Ethics codes help, including national peer practice "
                                "guidelines, the ethics rules that apply to certified peers in "
                                "Montana, and your agency's policies, but no code covers every "
                                "case. A clear process helps you make thoughtful decisions and "
                                "explain them.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>An eight-step approach:</p><ol><li><strong>Pause.</strong> "
                                "Unless someone's life is in immediate danger, you usually have "
                                'time to think. "Let me get back to you on that" is a complete '
                                "answer.</li><li><strong>Name the issue.</strong> What values are "
                                "in tension? Who is affected?</li><li><strong>Check the "
                                "guides.</strong> What do the law, your agency's policies and peer "
                                "ethics say?</li><li><strong>Consider the person's voice.</strong> "
                                "What do they want? How can they be part of the "
                                "decision?</li><li><strong>List options.</strong> There are "
                                "usually more than two.</li><li><strong>Consult.</strong> Talk "
                                "with your supervisor or an experienced peer, without identifying "
                                "details if outside your agency.</li><li><strong>Decide and "
                                "act</strong>, transparently.</li><li><strong>Reflect.</strong> "
                                "What happened? What would you do again?</li></ol>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Some quick tests help too. The <em>publicity test</em>: would "
                                "you be comfortable if your decision was described in the local "
                                "paper? The <em>fairness test</em>: would you do the same for "
                                "everyone you support? The <em>peer test</em>: does this choice "
                                "keep the relationship mutual, voluntary and hopeful?</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Example: a person you support asks you to come to their "
                                "child's birthday party. Pausing, you notice the values in "
                                "tension: connection and mutuality on one side, boundaries and "
                                "fairness on the other. Your agency has no written rule. You talk "
                                "with your supervisor, who suggests that dropping off a card, "
                                "rather than attending the party, honours the invitation while "
                                "keeping the relationship clear. You explain this warmly, and the "
                                "person is pleased you remembered.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Write down the decision and your reasons, in line with your "
                                "program's documentation practice, especially when you consulted "
                                "someone. This protects you and the person you support, and it "
                                "lets you look back later and learn. If you consult someone "
                                "outside your agency, such as a mentor from a peer network, leave "
                                "out anything that could identify the person.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "text": (
                                    "Making a decision you later see differently is part of "
                                    "learning. What matters is that you thought it through, "
                                    "were transparent and reflected afterwards."
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Dilemmas are conflicts between good values.",
                                (
                                    "Pause, name, check guides, include the person, list options, "
                                    "consult, act, reflect."
                                ),
                                "Use the publicity, fairness and peer tests.",
                                "Consultation is a strength, not a weakness.",
                            ],
                        ),
                    ],
                },
                {
                    "title": "Practising with real situations",
                    "estimated_minutes": 60,
                    "body": [
                        ("heading", "Working through scenarios"),
                        (
                            "paragraph",
                            (
                                "<p>The best way to build ethical judgment is practice. The "
                                "situations below are common in peer work in small communities. "
                                "For each one, use the eight steps from the previous lesson. There "
                                "is often more than one reasonable answer; what matters is how you "
                                "reach it. You will work through these and others in small groups "
                                "during the in-person sessions.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<ul><li><strong>The friend request.</strong> Someone you "
                                "supported last year, who no longer receives services, sends you a "
                                "friend request. The relationship has ended, but you may support "
                                "their partner in the future, and your agency's social media "
                                "policy still applies.</li><li><strong>The party.</strong> At a "
                                "family barbecue, you see someone you support using. They see you "
                                "see them. Consider confidentiality, dual relationships, and what "
                                "the next meeting might look like. There is no duty to report use, "
                                "but there may be a chance to talk about safety and "
                                "naloxone.</li><li><strong>The secret plan.</strong> Someone tells "
                                "you they have been thinking about ending their life and makes you "
                                "promise not to tell anyone. Here safety comes first: you cannot "
                                "keep that promise, and you explain why with care while helping "
                                "them connect to 988 or crisis services.</li><li><strong>The "
                                "colleague.</strong> You notice another peer supporter seems to be "
                                "using again and is missing work. Consider compassion, safety of "
                                "the people they support, and the right route: talk with them, and "
                                "your supervisor if needed, without gossip.</li></ul>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Notice how different these are. In the friend request, the "
                                "main risk is blurred roles, and a kind, consistent policy answer "
                                "works. In the party, the person's privacy and your own family "
                                "relationships are both at stake. In the secret plan, someone's "
                                "life may be at risk, and safety outweighs the promise. In the "
                                "colleague situation, you hold both care for a fellow peer and "
                                "responsibility to the community.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>One more situation to consider: <strong>the grieving "
                                "family.</strong> After a person you supported dies of an "
                                "overdose, their family invites you to the funeral and asks you to "
                                "speak. Consider what the person would have wanted, "
                                "confidentiality that continues after death, your own grief, and "
                                "whether your presence would identify them as someone receiving "
                                "peer support. Many peers attend quietly and decline to speak "
                                "about their work relationship, and then use supervision to "
                                "grieve.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "text": (
                                    "Never promise to keep a secret before you know what it "
                                    'is. Instead say: "I will keep what you tell me private, '
                                    "except if I am worried about someone's safety.\""
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "reflection",
                                "text": (
                                    "Which of these four situations would be hardest for you "
                                    "personally? What would help you handle it well?"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            [
                                "Ethical judgment grows with practice and discussion.",
                                "Different dilemmas weigh different values.",
                                "Safety outweighs a promise of secrecy.",
                                "Never promise secrecy before you know what is being shared.",
                            ],
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Ethical decision-making check-in",
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "prompt": (
                            "What is usually the first step when you face an ethical dilemma "
                            "that is not an emergency?"
                        ),
                        "kind": "single",
                        "explanation": "Pausing gives you time to think, check guides and consult.",
                        "choices": [
                            (
                                "Decide quickly so the person is not left waiting.",
                                False,
                                "Speed rarely helps.",
                            ),
                            (
                                "Pause, and let the person know you will get back to them.",
                                True,
                                "Yes. Unless a life is in danger, you usually have time.",
                            ),
                            (
                                "Do what feels kindest in the moment.",
                                False,
                                "Kindness matters, but so does thinking it through.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "Which are useful quick tests for an ethical decision? Select all "
                            "that apply."
                        ),
                        "kind": "multiple",
                        "explanation": (
                            "The publicity, fairness and peer tests help check a decision."
                        ),
                        "choices": [
                            (
                                "Would I be comfortable if it were described in the local paper?",
                                True,
                                "Correct. This is the publicity test.",
                            ),
                            (
                                "Would I do the same for everyone I support?",
                                True,
                                "Correct. This is the fairness test.",
                            ),
                            (
                                "Will anyone find out?",
                                False,
                                (
                                    "If that is the question, the answer is usually to pause and "
                                    "consult."
                                ),
                            ),
                            (
                                "Does it keep the relationship mutual, voluntary and hopeful?",
                                True,
                                "Correct. This is the peer test.",
                            ),
                        ],
                    },
                    {
                        "prompt": (
                            "If someone asks you to promise to keep a secret, it is best to "
                            "promise first so they feel safe telling you."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "You cannot keep a secret that puts someone's safety at risk. "
                            "Explain the limits before they share."
                        ),
                        "choices": [
                            (
                                "True",
                                False,
                                "Not quite. Never promise secrecy before you know what it is.",
                            ),
                            ("False", True, "Correct."),
                        ],
                    },
                    {
                        "prompt": (
                            "Seeing someone you support using at a social event does not, by "
                            "itself, require you to report them."
                        ),
                        "kind": "true_false",
                        "explanation": (
                            "Use by itself is not a limit of confidentiality. It may be a "
                            "chance to talk about safety later."
                        ),
                        "choices": [
                            ("True", True, "Correct."),
                            (
                                "False",
                                False,
                                (
                                    "Not quite. Use by itself is not a reason to break "
                                    "confidentiality."
                                ),
                            ),
                        ],
                    },
                ],
            },
        },
    ],
    "sessions": [
        {
            "title": "Session 1: Welcome, group agreements and the peer role",
            "hours": 4,
            "location": "One Health Miles City clinic, community room",
        },
        {
            "title": "Session 2: Boundaries and dual relationships in small towns (role plays)",
            "hours": 4,
            "location": "One Health Miles City clinic, community room",
        },
        {
            "title": "Session 3: Confidentiality, consent and sharing your story with purpose",
            "hours": 4,
            "location": "One Health Forsyth clinic, training room",
        },
        {
            "title": "Session 4: Trauma-informed practice, self-care and peer drift",
            "hours": 4,
            "location": "One Health Miles City clinic, community room",
        },
        {
            "title": "Session 5: Ethical decision-making scenarios and course wrap-up",
            "hours": 4,
            "location": "One Health Miles City clinic, community room",
        },
    ],
}

TRACK_COURSES = [
    {
        "code": "PS-DOULA-RD",
        "title": "Recovery Doula Foundations",
        "track": "recovery-doula",
        "summary": (
            "An introduction to perinatal peer support for families affected by substance use, "
            "from pregnancy through birth and the first months at home. It prepares peers to "
            "combine recovery support with doula care and to recognise the risks of the "
            "postpartum period."
        ),
        "audience": (
            "Certified peer supporters preparing to work as recovery doulas with mothers, "
            "fathers and partners."
        ),
        "delivery": "blended",
        "required_contact_hours": 7.75,
        "ce_hours": 4,
        "ce_category": "perinatal",
        "estimated_hours": 7.75,
        "sequential": True,
        "modules": [
            {
                "title": "The recovery doula role",
                "summary": (
                    "What a recovery doula offers, who they support, and how the role fits "
                    "with the family's care team."
                ),
                "lessons": [
                    {
                        "title": "Peer support meets doula care",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Two roles, one relationship"),
                            (
                                "paragraph",
                                (
                                    "<p>A doula offers social, emotional, informational and "
                                    "navigational support to a mother or father before, during and "
                                    "shortly after birth, so the family can have the healthiest "
                                    "and most satisfying experience possible. A peer supporter "
                                    "offers hope and understanding grounded in lived experience of "
                                    "recovery. A recovery doula brings both together. Many "
                                    "families affected by substance use do not have a trusted "
                                    "person who can be with them at the birth. Peer supporters "
                                    "already have trusting relationships, are trauma-informed, and "
                                    "as doulas can be present in the hospital.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>At One Health, recovery doulas are part of Sacred "
                                    "Families, which serves whole families (mothers, fathers and "
                                    "partners, other children and sometimes grandparents) with "
                                    "children in the first 1,000 days, from conception to age two, "
                                    "who are affected by substance use. The substance use does not "
                                    "have to be the parent's own. Because doulas support mothers "
                                    "and fathers or partners, there are both male and female "
                                    "recovery doulas.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>What a recovery doula does:</p><ul><li>Listening and "
                                    "emotional support through pregnancy and "
                                    "birth.</li><li>Information about pregnancy, birth options and "
                                    "what to expect.</li><li>Help preparing questions for prenatal "
                                    "visits and birth plans.</li><li>Comfort measures in labour, "
                                    "such as breathing, position changes and massage when "
                                    "welcomed.</li><li>Warm handoffs to the care coordinator and "
                                    "community resources.</li></ul>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Doulas do not perform medical tasks, give medical "
                                        "advice or make decisions for the family. If something "
                                        "seems medically wrong, encourage the family to speak "
                                        "to their nurse, midwife or doctor right away, and "
                                        "help them do so."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "A recovery doula combines doula care with peer recovery "
                                        "support."
                                    ),
                                    (
                                        "Sacred Families serves whole families in the first 1,000 "
                                        "days."
                                    ),
                                    "Both mothers and fathers or partners receive support.",
                                    "Doulas are non-medical; they support the family's own voice.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Supporting families through pregnancy and birth",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Pregnancy can be a turning point"),
                            (
                                "paragraph",
                                (
                                    "<p>Many parents seek recovery during pregnancy to protect "
                                    "their baby. They may also carry intense shame and fear of "
                                    "being judged or of child protective services. A recovery "
                                    "doula's first job is to be a person who does not judge. "
                                    "Treatment with medication for opioid use disorder, such as "
                                    "buprenorphine or methadone, is a recommended, evidence-based "
                                    "option in pregnancy. Parents who use it are in treatment and "
                                    "deserve the same respect as anyone else. Medication decisions "
                                    "belong with the parent and their prescriber; your role is to "
                                    "support them in asking their questions.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Birth planning gives parents a sense of choice. Help them "
                                    "think about who they want in the room, what comfort measures "
                                    "they would like, and how they want pain managed, including "
                                    "how to talk with the care team about pain if they are in "
                                    "recovery. Hospitals often create a plan of safe care for "
                                    "babies who may have been exposed to substances before birth. "
                                    "Help parents understand what this is, so it feels less "
                                    "frightening, and connect them with the care coordinator.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Example: Jesse is going to be a dad for the first time and "
                                    "has been in recovery for a year. He is afraid he will be in "
                                    "the way during the birth. His recovery doula helps him "
                                    "practise counter-pressure and breathing cues and reminds him "
                                    "that his calm presence matters. During labour, the doula "
                                    "supports both parents, and Jesse is the first to hold his "
                                    "son.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "What words could you use to help a parent who fears "
                                        "being judged feel safe telling you the truth?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Lead with no judgment; many parents fear shame and child "
                                        "welfare."
                                    ),
                                    (
                                        "Medication for opioid use disorder is recommended in "
                                        "pregnancy."
                                    ),
                                    "Birth plans give parents voice and choice.",
                                    "Support fathers and partners as well as mothers.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Recovery doula role check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "A recovery doula supports only mothers, not fathers or partners."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Recovery doulas support mothers, fathers and partners, which "
                                "is why there are male and female recovery doulas."
                            ),
                            "choices": [
                                (
                                    "True",
                                    False,
                                    "Not quite. Fathers and partners are supported too.",
                                ),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                "A pregnant parent in recovery takes buprenorphine and feels "
                                "ashamed. What is the most helpful response?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Medication for opioid use disorder is a recommended treatment "
                                "in pregnancy. Respect and support for their questions help."
                            ),
                            "choices": [
                                (
                                    "Suggest they stop so the baby is not exposed.",
                                    False,
                                    (
                                        "Stopping suddenly can be dangerous, and medication advice "
                                        "is outside your role."
                                    ),
                                ),
                                (
                                    (
                                        "Reassure them that they are in treatment and help them "
                                        "bring any questions to their prescriber."
                                    ),
                                    True,
                                    "Yes. This respects the parent and stays in your role.",
                                ),
                                (
                                    "Avoid the subject.",
                                    False,
                                    "Avoiding it can leave shame unaddressed.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Which are part of a recovery doula's role? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Doulas offer emotional, informational and navigational "
                                "support and comfort in labour, and are non-medical."
                            ),
                            "choices": [
                                ("Comfort measures in labour.", True, "Correct."),
                                (
                                    "Helping prepare questions for prenatal visits.",
                                    True,
                                    "Correct.",
                                ),
                                (
                                    "Checking the baby's heart rate.",
                                    False,
                                    "That is a medical task for the birth team.",
                                ),
                            ],
                        },
                    ],
                },
            },
            {
                "title": "The postpartum period",
                "summary": (
                    "The months after birth are the most vulnerable time for relapse, "
                    "overdose, depression and suicide. This module prepares doulas to support "
                    "families through them."
                ),
                "lessons": [
                    {
                        "title": "Postpartum relapse and overdose risk",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Why the months after birth are so risky"),
                            (
                                "paragraph",
                                (
                                    "<p>The period after birth is the most vulnerable time for a "
                                    "return to use. Families who entered recovery to protect their "
                                    "child now face sleepless nights, physical recovery from "
                                    "birth, money worries and sometimes a child welfare case, "
                                    "often with less support than they had during pregnancy. "
                                    "Overdose is a leading cause of death in the year after birth "
                                    "in the United States. A parent who cut down or stopped using "
                                    "during pregnancy has a lower tolerance, so a dose they once "
                                    "used can now be fatal.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>How a recovery doula helps:</p><ul><li>Keep in closer "
                                    "contact during the first weeks and months.</li><li>Make sure "
                                    "the household has naloxone and knows how to use "
                                    "it.</li><li>Talk openly about the lower-tolerance risk, "
                                    "without judgment.</li><li>Help the family plan for sleep, "
                                    "meals and support.</li><li>Connect them with recovery "
                                    "supports that welcome babies.</li><li>Keep the door open if a "
                                    "return to use happens.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>If a parent returns to use, shame can push them away from "
                                    "help at the very moment they need it. Respond with the same "
                                    "care as always. Talk about safety: never using alone, having "
                                    "naloxone nearby, having a sober adult care for the baby, and "
                                    "never sleeping with the baby after using. Then talk about "
                                    "what they want next.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Safe sleep matters for every baby: alone, on their "
                                        "back, in a crib or bassinet with nothing else in it. "
                                        "Bed-sharing is especially dangerous if an adult has "
                                        "used alcohol, drugs or sedating medicines."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "The postpartum months are the highest-risk time for relapse.",
                                    "Lower tolerance after pregnancy raises overdose risk.",
                                    "Every household should have naloxone.",
                                    "Respond to a return to use with care and safety planning.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Depression, anxiety and getting help early",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "More than the baby blues"),
                            (
                                "paragraph",
                                (
                                    '<p>Many new parents have the "baby blues" in the first two '
                                    "weeks: tearfulness, mood swings and feeling overwhelmed that "
                                    "pass on their own. Postpartum depression and anxiety last "
                                    "longer and are more severe. They can include persistent "
                                    "sadness, not enjoying anything, constant worry, trouble "
                                    "bonding, feeling worthless, or thoughts of harming oneself or "
                                    "the baby. Fathers and partners can experience postpartum "
                                    "depression too. These conditions are common and treatable, "
                                    "and are nobody's fault.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Encourage parents to tell their provider how they are "
                                    "feeling and offer to help them do so. The National Maternal "
                                    "Mental Health Hotline (call or text 1-833-TLC-MAMA, "
                                    "1-833-852-6262) is free, confidential and available any time. "
                                    "If a parent has thoughts of suicide, they can call or text "
                                    "988. Confusion, seeing or hearing things others do not, or "
                                    "extreme agitation after birth can be signs of postpartum "
                                    "psychosis, which is a medical emergency: call 911.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "Asking directly about thoughts of self-harm does not "
                                        "put the idea in someone's head. It tells them it is "
                                        "safe to talk."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Baby blues pass within about two weeks; depression lasts "
                                        "longer."
                                    ),
                                    "Fathers and partners can have postpartum depression too.",
                                    "The National Maternal Mental Health Hotline: 1-833-TLC-MAMA.",
                                    "Signs of postpartum psychosis are an emergency: call 911.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Postpartum check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "Why does overdose risk rise after birth for a parent who "
                                "stopped using during pregnancy?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Tolerance falls when use stops, so a previous dose can be fatal."
                            ),
                            "choices": [
                                (
                                    "Their tolerance is lower, so a familiar dose can be fatal.",
                                    True,
                                    "Yes. Lower tolerance plus stress makes this a high-risk time.",
                                ),
                                (
                                    "Pregnancy permanently changes how opioids work.",
                                    False,
                                    "The main factor is reduced tolerance.",
                                ),
                                (
                                    "Risk does not rise after birth.",
                                    False,
                                    "The postpartum year is a period of elevated overdose risk.",
                                ),
                            ],
                        },
                        {
                            "prompt": "Fathers and partners can experience postpartum depression.",
                            "kind": "true_false",
                            "explanation": (
                                "Partners can experience depression after a birth, and deserve "
                                "support too."
                            ),
                            "choices": [
                                ("True", True, "Correct."),
                                ("False", False, "Not quite. Partners can be affected as well."),
                            ],
                        },
                        {
                            "prompt": (
                                "Which are signs that need urgent help after birth? Select all "
                                "that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Thoughts of harm and signs of psychosis need urgent help. "
                                "Short-lived tearfulness in the first two weeks is common."
                            ),
                            "choices": [
                                (
                                    "Thoughts of harming herself or the baby.",
                                    True,
                                    (
                                        "Correct. Help her reach help now: 988, or 911 if there is "
                                        "danger."
                                    ),
                                ),
                                (
                                    "Seeing or hearing things others do not.",
                                    True,
                                    "Correct. This can be postpartum psychosis, an emergency.",
                                ),
                                (
                                    "Crying sometimes in the first week.",
                                    False,
                                    "This is common baby blues, though keep checking in.",
                                ),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [
            {
                "title": "Labour support skills practice: comfort measures and birth planning",
                "hours": 4,
                "location": "One Health Miles City clinic, community room",
            },
        ],
    },
    {
        "code": "PS-DOULA-IRD",
        "title": "Indigenous Recovery Doula: Culture, Community and Healing",
        "track": "indigenous-recovery-doula",
        "summary": (
            "Builds on recovery doula foundations with culturally grounded perinatal support "
            "for Indigenous families. It centres community and cultural strengths, speaks "
            "honestly about historical trauma, and emphasises following each family's lead."
        ),
        "audience": (
            "Recovery doulas supporting Indigenous families, with priority for Indigenous peers."
        ),
        "delivery": "blended",
        "required_contact_hours": 6,
        "ce_hours": 3,
        "ce_category": "perinatal",
        "estimated_hours": 6,
        "sequential": True,
        "modules": [
            {
                "title": "Community, culture and history",
                "summary": (
                    "The strengths Indigenous families bring to birth and recovery, and the "
                    "history that shapes how many families experience health care."
                ),
                "lessons": [
                    {
                        "title": "Strengths of Indigenous families and communities",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Many nations, many ways"),
                            (
                                "paragraph",
                                (
                                    "<p>Montana is home to twelve tribal nations and seven "
                                    "reservations, and many Indigenous people live in towns and "
                                    "cities across the state. Each nation has its own language, "
                                    "history, ceremonies, kinship systems and ways of welcoming a "
                                    'child. There is no single "Native way" of giving birth or of '
                                    "recovering. An Indigenous recovery doula begins by learning "
                                    "about the family in front of them, not by assuming.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Indigenous communities hold deep strengths that support "
                                    "healthy births and recovery: extended family and kinship "
                                    "networks, grandmothers and aunties, the role of elders, "
                                    "language, ceremony, prayer, connection to land, and "
                                    "traditional knowledge about pregnancy and infancy. Many "
                                    "communities have long traditions of recovery and sobriety "
                                    "grounded in culture. Seeing these strengths, and naming them, "
                                    "is central to culturally grounded doula care. Culture is a "
                                    "source of healing, not a list of risk factors.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Ways to honour strengths:</p><ul><li>Ask who the family "
                                    "wants involved; relatives may play important "
                                    "roles.</li><li>Ask whether there are practices, prayers or "
                                    "teachings they want honoured during pregnancy, birth or "
                                    "after.</li><li>Connect families with their own knowledge "
                                    "keepers, tribal health programs or urban Indian health "
                                    "organisations if they wish.</li><li>Do not perform or explain "
                                    "ceremonies that are not yours to share.</li></ul>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "What are the strengths in your own family and "
                                        "community that support you? How might you ask a "
                                        "family about theirs?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Twelve tribal nations in Montana, each with its own ways.",
                                    "Learn from each family; never assume.",
                                    "Kinship, elders, ceremony and language are strengths.",
                                    "Connect families with their own knowledge keepers.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Historical trauma and birth",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "History that lives in the present"),
                            (
                                "paragraph",
                                (
                                    "<p>Historical trauma is the emotional and psychological "
                                    "wounding that builds up over a lifetime and across "
                                    "generations, caused by massive group trauma. For Indigenous "
                                    "peoples in the United States, this includes loss of land, "
                                    "forced removal of children to boarding schools, bans on "
                                    "language and ceremony, and harmful practices in health care, "
                                    "including the coerced sterilisation of Native women "
                                    "documented in the 1970s. Many families also remember children "
                                    "being removed from Native homes before the Indian Child "
                                    "Welfare Act of 1978 was passed to protect them.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>This history helps explain why some families are cautious "
                                    "about hospitals, child welfare or anyone asking questions "
                                    "about substance use during pregnancy. That caution is "
                                    "reasonable. It is not a lack of caring about the baby. An "
                                    "Indigenous recovery doula can be a bridge of trust: "
                                    "explaining what will happen, supporting the family's voice "
                                    "with the care team, and making sure the family knows their "
                                    "rights.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Historical trauma is not the whole story. Communities have "
                                    "survived, resisted and revitalised languages and ceremonies. "
                                    "Many families see a new baby as a chance to heal what was "
                                    "broken in earlier generations. Speaking about history with "
                                    "respect means holding both truths: the harm that was done and "
                                    "the strength that carried people through.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Do not ask families to tell their trauma history, and "
                                        "do not assume that every Indigenous family has the "
                                        "same experiences. Let them share what they choose."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Historical trauma is wounding across generations from "
                                        "group trauma."
                                    ),
                                    "Caution about systems is understandable and reasonable.",
                                    (
                                        "The Indian Child Welfare Act protects Native families and "
                                        "children."
                                    ),
                                    "Hold both the harm and the resilience.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Culture and history check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "What is the best way to learn what cultural practices an "
                                "Indigenous family wants at a birth?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Each nation and each family is different. Ask and follow "
                                "their lead."
                            ),
                            "choices": [
                                (
                                    (
                                        "Assume they want traditional practices because they are "
                                        "Native."
                                    ),
                                    False,
                                    "Assumptions can be stereotypes. Ask.",
                                ),
                                (
                                    (
                                        "Ask the family what they would like honoured and who they "
                                        "want involved."
                                    ),
                                    True,
                                    "Yes. The family leads.",
                                ),
                                (
                                    "Read about one tribe and apply it to everyone.",
                                    False,
                                    "Practices differ between nations and families.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Which are examples of cultural and community strengths? "
                                "Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Kinship, elders, language and ceremony are strengths that "
                                "support birth and recovery."
                            ),
                            "choices": [
                                ("Extended family and kinship networks.", True, "Correct."),
                                ("The role of elders and grandmothers.", True, "Correct."),
                                ("Language and ceremony.", True, "Correct."),
                                (
                                    "A family's distrust of hospitals.",
                                    False,
                                    (
                                        "This is an understandable response to history, not a "
                                        "strength to list, though it deserves respect."
                                    ),
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "A family's caution about hospitals or child welfare can be a "
                                "reasonable response to history."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Historical harms help explain this caution. A doula can be a "
                                "bridge of trust."
                            ),
                            "choices": [
                                ("True", True, "Correct."),
                                ("False", False, "Not quite. That caution often has real roots."),
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Culturally grounded doula practice",
                "summary": (
                    "Putting respect into practice at every stage, from pregnancy to the first "
                    "year."
                ),
                "lessons": [
                    {
                        "title": "Following the family's lead",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Respect in practice"),
                            (
                                "paragraph",
                                (
                                    "<p>Culturally grounded care is less about knowing facts and "
                                    "more about humility: being open to learning, aware of your "
                                    "own assumptions and ready to be corrected. This is sometimes "
                                    "called cultural humility. Even if you are Indigenous "
                                    "yourself, the family's nation, community and preferences may "
                                    "differ from yours. Ask open questions and listen.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Questions and steps that help:</p><ol><li>Ask who should "
                                    "be present and who may speak for the family.</li><li>Ask "
                                    "about any teachings, prayers or items they want at the birth "
                                    "and help arrange them with the hospital if "
                                    "needed.</li><li>Ask about plans for the baby's first days, "
                                    "such as naming, feeding and visitors.</li><li>Support the "
                                    "family to speak with the care team, including about their "
                                    "rights under the Indian Child Welfare Act if child welfare "
                                    "becomes involved.</li><li>Keep checking in after birth, when "
                                    "risk of relapse, overdose and depression is highest.</li></ol>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Example: a young Northern Cheyenne mother tells her doula "
                                    "that her grandmother wants to be present and to say a prayer "
                                    "when the baby arrives. The doula helps her tell the nurse in "
                                    "advance, so the family has space and time. The doula does not "
                                    "lead the prayer; she makes room for the grandmother to do "
                                    "so.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "Your cultural connection can be a great gift in this "
                                        "work, and it can also stir your own history. Use "
                                        "supervision and your own supports."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Cultural humility: learn, check assumptions, accept "
                                        "correction."
                                    ),
                                    "The family decides who is present and what is honoured.",
                                    "Help families use their voice and know their rights.",
                                    "Stay close after birth.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": None,
            },
        ],
        "sessions": [
            {
                "title": "Talking circle with Indigenous doulas and community knowledge keepers",
                "hours": 3,
                "location": "One Health Lame Deer clinic, meeting room",
            },
        ],
    },
    {
        "code": "PS-NARCAN-MT",
        "title": "Master Narcan Trainer",
        "track": "master-narcan-trainer",
        "summary": (
            "Prepares peers to recognise an opioid overdose, tell it apart from stimulant "
            "overamping, give naloxone confidently, and teach community Narcan classes."
        ),
        "audience": "Peer supporters who will carry naloxone and teach others to use it.",
        "delivery": "blended",
        "required_contact_hours": 6,
        "ce_hours": 3,
        "ce_category": "overdose-response",
        "estimated_hours": 6,
        "sequential": True,
        "modules": [
            {
                "title": "Recognising and responding to overdose",
                "summary": (
                    "How to tell an opioid overdose from stimulant overamping, and exactly "
                    "what to do in each case."
                ),
                "lessons": [
                    {
                        "title": "Opioid overdose or stimulant overamping?",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Two different emergencies"),
                            (
                                "paragraph",
                                (
                                    "<p>Opioids, such as fentanyl, heroin, oxycodone and "
                                    "methadone, slow the body down. In an overdose, breathing "
                                    "becomes slow and shallow or stops, and the brain is starved "
                                    "of oxygen. Stimulants, such as methamphetamine and cocaine, "
                                    'speed the body up. Too much can cause "overamping": a racing '
                                    "heart, overheating, panic, paranoia, chest pain, seizures, "
                                    "stroke or heart attack. Knowing the difference helps you "
                                    "respond well, but remember that the drug supply is "
                                    "unpredictable and fentanyl is often mixed into stimulants.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Signs of an opioid overdose:</p><ul><li>Will not wake up "
                                    "or respond to a loud voice or a firm rub on the "
                                    "breastbone.</li><li>Slow, shallow or no breathing; gurgling "
                                    "or snoring sounds.</li><li>Blue or grey lips and fingertips; "
                                    "pale, clammy skin.</li><li>Tiny, pinpoint "
                                    "pupils.</li><li>Limp body.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Signs of stimulant overamping:</p><ul><li>Very fast "
                                    "heartbeat, chest pain, trouble "
                                    "breathing.</li><li>Overheating, heavy sweating, hot "
                                    "skin.</li><li>Extreme agitation, paranoia, confusion or "
                                    "hallucinations.</li><li>Severe headache, seizures, or sudden "
                                    "weakness on one side.</li><li>Usually awake and agitated, but "
                                    "may collapse.</li></ul>"
                                ),
                            ),
                            ("heading", "Responding to overamping"),
                            (
                                "paragraph",
                                (
                                    "<p>Call 911 for chest pain, seizures, severe overheating, "
                                    "confusion or loss of consciousness. Move the person somewhere "
                                    "calm, cool and quiet. Speak slowly and reassuringly; reduce "
                                    "noise, light and people. Cool them with damp cloths and offer "
                                    "small sips of water if they are awake and able to swallow. Do "
                                    "not restrain them. If they have a seizure, move things away "
                                    "and protect their head, and put them in the recovery position "
                                    "afterwards. Naloxone does not reverse stimulants, but if the "
                                    "person becomes unresponsive or their breathing slows, give "
                                    "naloxone anyway: opioids may be involved and naloxone will "
                                    "not harm them.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "When in doubt, give naloxone. It only acts on opioids "
                                        "and is not harmful to someone who has not taken them."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Opioids slow breathing; stimulants speed up the heart and "
                                        "body."
                                    ),
                                    (
                                        "Opioid overdose: unresponsive, slow or no breathing, "
                                        "pinpoint pupils."
                                    ),
                                    "Overamping: overheating, racing heart, agitation, chest pain.",
                                    "For overamping: call 911, cool, calm, and do not restrain.",
                                    "If breathing slows or stops, give naloxone.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Giving naloxone, step by step",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "The steps"),
                            (
                                "paragraph",
                                (
                                    "<p>If you suspect an opioid "
                                    "overdose:</p><ol><li><strong>Check for "
                                    "responsiveness.</strong> Shout their name and rub your "
                                    "knuckles firmly on their breastbone.</li><li><strong>Call "
                                    "911.</strong> Say someone is not breathing or not responding "
                                    "and give the address. Put the phone on "
                                    "speaker.</li><li><strong>Give naloxone.</strong> For the "
                                    "nasal spray, lay the person on their back, tilt the head "
                                    "back, put the nozzle in one nostril and press the plunger "
                                    "firmly.</li><li><strong>Support breathing.</strong> If they "
                                    "are not breathing, give rescue breaths: tilt the head back, "
                                    "lift the chin, pinch the nose and give one breath every five "
                                    "seconds. If you are trained, follow CPR guidance if there is "
                                    "no pulse.</li><li><strong>Give a second dose if "
                                    "needed.</strong> If there is no response after two to three "
                                    "minutes, give another dose in the other nostril with a new "
                                    "device.</li><li><strong>Recovery position.</strong> If they "
                                    "are breathing, roll them onto their side with the top knee "
                                    "bent and their hand supporting their head, so they will not "
                                    "choke if they vomit.</li><li><strong>Stay with them.</strong> "
                                    "Stay until help arrives.</li></ol>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Naloxone works within a few minutes and lasts roughly 30 "
                                    "to 90 minutes. Many opioids, especially fentanyl and "
                                    "long-acting ones, can last longer than that. This means the "
                                    "overdose can return after the naloxone wears off, which is "
                                    "why calling 911 and staying with the person matter even when "
                                    "they wake up. Someone who wakes up may be in sudden "
                                    "withdrawal: sick, shaky, sweating and upset. Explain calmly "
                                    "what happened, reassure them, and encourage them not to use "
                                    "again to relieve withdrawal, because the opioid still in "
                                    "their body can overdose them again.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Fentanyl may require more than one dose of naloxone. Some "
                                    "drugs now found in the supply, such as xylazine, are not "
                                    "reversed by naloxone, but naloxone should still be given "
                                    "because opioids are usually present too. Rescue breathing "
                                    "remains essential whenever breathing is slow or absent. "
                                    "Naloxone nasal spray is available without a prescription, and "
                                    "peers at One Health carry it.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Never leave a person alone after giving naloxone, "
                                        "even if they wake up and want you to go. The overdose "
                                        "can come back."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Check, call 911, give naloxone, support breathing.",
                                    (
                                        "Give another dose after 2 to 3 minutes if there is no "
                                        "response."
                                    ),
                                    "Recovery position if breathing; stay until help arrives.",
                                    "Naloxone can wear off before the opioid does.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Overdose response check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "Which set of signs most suggests an opioid overdose?",
                            "kind": "single",
                            "explanation": (
                                "Opioid overdose causes unresponsiveness, slow or stopped "
                                "breathing and pinpoint pupils."
                            ),
                            "choices": [
                                (
                                    "Unresponsive, slow or stopped breathing, pinpoint pupils.",
                                    True,
                                    "Yes. These are the classic signs.",
                                ),
                                (
                                    "Racing heart, overheating, agitation.",
                                    False,
                                    "These suggest stimulant overamping.",
                                ),
                                (
                                    "Laughing, talking fast, dilated pupils.",
                                    False,
                                    "These are not signs of opioid overdose.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Someone is overamping on methamphetamine: awake, overheated "
                                "and panicking. Which steps help? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Calm, cool and call 911 for serious symptoms. Restraint can "
                                "be dangerous."
                            ),
                            "choices": [
                                (
                                    "Move them somewhere cool and quiet.",
                                    True,
                                    "Correct. Cooling and calm help.",
                                ),
                                (
                                    "Call 911 if they have chest pain, seizures or confusion.",
                                    True,
                                    "Correct.",
                                ),
                                (
                                    "Hold them down so they cannot hurt themselves.",
                                    False,
                                    (
                                        "Restraint can raise body temperature and heart strain and "
                                        "is dangerous."
                                    ),
                                ),
                                (
                                    (
                                        "Give naloxone if they become unresponsive or their "
                                        "breathing slows."
                                    ),
                                    True,
                                    "Correct. Opioids may be mixed in, and naloxone is safe.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Once a person wakes up after naloxone, it is safe to leave "
                                "them alone."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Naloxone can wear off before the opioid does, and the "
                                "overdose can return."
                            ),
                            "choices": [
                                ("True", False, "Not quite. Stay until help arrives."),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                "How long should you wait before giving a second dose of "
                                "naloxone if there is no response?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Give another dose, in the other nostril with a new device, "
                                "after two to three minutes."
                            ),
                            "choices": [
                                (
                                    "About 2 to 3 minutes.",
                                    True,
                                    "Yes. Keep supporting breathing too.",
                                ),
                                ("About 30 minutes.", False, "That is far too long to wait."),
                                (
                                    "Never give a second dose.",
                                    False,
                                    "Fentanyl may need more than one.",
                                ),
                            ],
                        },
                        {
                            "prompt": "Naloxone is harmful to someone who has not taken opioids.",
                            "kind": "true_false",
                            "explanation": (
                                "Naloxone only acts on opioids, which is why the rule is: when "
                                "in doubt, give it."
                            ),
                            "choices": [
                                ("True", False, "Not quite. It is safe to give."),
                                ("False", True, "Correct."),
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Teaching community Narcan classes",
                "summary": (
                    "How to plan and lead short, welcoming naloxone classes for community members."
                ),
                "lessons": [
                    {
                        "title": "Planning and leading a community class",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Everyone can save a life"),
                            (
                                "paragraph",
                                (
                                    "<p>A master trainer teaches community members, family "
                                    "members, employers, and people who use drugs to respond to an "
                                    "overdose. Good classes are short, practical and free of "
                                    "judgment. People who use drugs and their friends are the most "
                                    "likely to witness an overdose, so make sure they feel "
                                    'welcome. Use plain language and avoid words like "addict" or '
                                    '"abuser".</p>'
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>A simple class outline:</p><ol><li>Welcome people and "
                                    "explain that the class is about saving lives.</li><li>Explain "
                                    "what opioids do and the signs of overdose.</li><li>Explain "
                                    "the difference between opioid overdose and "
                                    "overamping.</li><li>Demonstrate the steps with a trainer "
                                    "device.</li><li>Have every participant practise, and ask them "
                                    "to teach the steps back to you.</li><li>Cover storage: room "
                                    "temperature, out of direct sunlight, and check the expiration "
                                    "date.</li><li>Give out kits where available and answer "
                                    "questions.</li></ol>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Expect feelings in the room. Someone may have lost a loved "
                                    "one to overdose. Acknowledge grief, let people step out, and "
                                    "have information about grief and family support ready. Keep a "
                                    "record of classes and kits given out according to your "
                                    "program's procedures, without recording names where they are "
                                    "not needed.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "Who in your community most needs a Narcan class but "
                                        "is least likely to come to one at a clinic? Where "
                                        "could you meet them?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Classes are short, practical and judgment-free.",
                                    "Demonstrate, practise and use teach-back.",
                                    "Cover storage and expiration dates.",
                                    "Be ready for grief in the room.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Teaching check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "Teach-back, where participants show you the steps, is a good "
                                "way to check understanding."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Practising and teaching back builds confidence and shows what "
                                "needs another explanation."
                            ),
                            "choices": [
                                ("True", True, "Correct."),
                                (
                                    "False",
                                    False,
                                    "Not quite. Teach-back is one of the most useful tools.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Which group is most important to welcome into a community "
                                "Narcan class?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "People who use drugs and their friends are the most likely to "
                                "witness an overdose."
                            ),
                            "choices": [
                                (
                                    "People who use drugs and their friends.",
                                    True,
                                    (
                                        "Yes. They are most likely to be there when an overdose "
                                        "happens."
                                    ),
                                ),
                                (
                                    "Only health care staff.",
                                    False,
                                    "Anyone can learn to save a life.",
                                ),
                                (
                                    "Only people who have never used drugs.",
                                    False,
                                    "This would leave out the people most likely to respond.",
                                ),
                            ],
                        },
                        {
                            "prompt": "Which belong in a storage talk? Select all that apply.",
                            "kind": "multiple",
                            "explanation": (
                                "Keep naloxone at room temperature, away from direct sunlight, "
                                "and replace it when it expires."
                            ),
                            "choices": [
                                ("Keep it at room temperature.", True, "Correct."),
                                ("Keep it out of direct sunlight.", True, "Correct."),
                                ("Store it in the freezer.", False, "Freezing is not recommended."),
                                ("Check the expiration date.", True, "Correct."),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [
            {
                "title": "Hands-on practice with trainer devices and a practice teach",
                "hours": 3,
                "location": "One Health Miles City clinic, community room",
            },
        ],
    },
    {
        "code": "PS-CORR-JAIL",
        "title": "Peer Support in the Jail",
        "track": "corrections",
        "summary": (
            "Prepares peers to deliver peer support safely and ethically in a county jail, and "
            "to support people through release, when overdose risk is at its highest."
        ),
        "audience": (
            "Certified peer supporters who will offer groups or one-to-one support in a "
            "detention setting."
        ),
        "delivery": "blended",
        "required_contact_hours": 4.5,
        "ce_hours": 2,
        "ce_category": "ethics",
        "estimated_hours": 4.5,
        "sequential": True,
        "modules": [
            {
                "title": "Peer support inside the jail",
                "summary": (
                    "How a secure setting changes the practical side of peer work, and how to "
                    "keep peer values at the centre."
                ),
                "lessons": [
                    {
                        "title": "Working in a secure setting",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "A different kind of setting"),
                            (
                                "paragraph",
                                (
                                    "<p>A county jail mostly holds people awaiting trial or "
                                    "serving short sentences, so people come and go quickly and "
                                    "often with little notice. Many have substance use or mental "
                                    "health challenges, and many have experienced trauma. Peer "
                                    "supporters bring something rare inside: someone who treats "
                                    "them as a person, not a case, and who may have been in a "
                                    "similar place. Many peers have their own justice history, "
                                    "which can be a powerful source of connection.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>You are a guest in a secure facility, and detention staff "
                                    "are responsible for everyone's safety. Learn and follow the "
                                    "facility's rules exactly: what you may bring in, where you "
                                    "may go, how to call for help, and what to do during a "
                                    "lockdown. Building respectful relationships with detention "
                                    "staff makes your work possible and helps them see the value "
                                    "of peer support.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Common rules for peers in a jail:</p><ul><li>Bring only "
                                    "approved items; anything else can be "
                                    "contraband.</li><li>Never carry messages, letters or items in "
                                    "or out for anyone.</li><li>Do not put money on anyone's "
                                    "commissary account or phone.</li><li>Do not share personal "
                                    "contact details or your home address.</li><li>Know the "
                                    "emergency procedures and stay where staff expect "
                                    "you.</li><li>Dress according to facility guidance.</li></ul>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "People may ask you for small favours, such as calling "
                                        "a family member or passing a note. However kind the "
                                        "request, these can break facility rules and end your "
                                        "program's access. Explain the rule with respect."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Jails hold many people briefly; plan for short, "
                                        "unpredictable stays."
                                    ),
                                    "You are a guest; follow facility rules exactly.",
                                    "No messages, items, money or personal contact details.",
                                    "Respectful relationships with detention staff protect access.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Boundaries, confidentiality and dignity inside",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "Peer values in a place of control"),
                            (
                                "paragraph",
                                (
                                    "<p>In a jail, people have very little choice about anything. "
                                    "Peer support can offer one of the few voluntary relationships "
                                    "available. Make it clear that talking with you is a choice "
                                    "and that you are not part of the court, probation or jail "
                                    "discipline. Be honest about the limits of confidentiality in "
                                    "this setting. Conversations may be overheard, and facility "
                                    "rules may require you to report threats to safety or plans to "
                                    "bring in contraband. Explain this before people share.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    '<p>Use person-first, respectful language: "people who are '
                                    'incarcerated" or simply names, rather than labels. Dual '
                                    "relationships are common: you may recognise people from your "
                                    "community or your own past. Tell your supervisor, and follow "
                                    "your program's policy on whether to support someone you "
                                    "know.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "If you have your own experience of incarceration, how "
                                        "might walking into a jail as a peer affect you? What "
                                        "support will you put in place?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Peer support is voluntary, even inside.",
                                    "You are not part of the court, probation or discipline.",
                                    "Explain confidentiality limits in this setting first.",
                                    "Use names and respectful language.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Jail practice check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "Someone you support in the jail asks you to take a letter to "
                                "his daughter. What do you do?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Carrying items in or out breaks facility rules. Help in ways "
                                "that follow them."
                            ),
                            "choices": [
                                (
                                    "Take it, since it is only a letter.",
                                    False,
                                    (
                                        "Carrying items out can break rules and end your program's "
                                        "access."
                                    ),
                                ),
                                (
                                    (
                                        "Explain kindly that you cannot, and help him find the "
                                        "approved way to send mail."
                                    ),
                                    True,
                                    "Yes. You respect the need and the rules.",
                                ),
                                (
                                    "Report him for asking.",
                                    False,
                                    (
                                        "A request is not a threat to safety; explain the rule "
                                        "instead."
                                    ),
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Which are appropriate for a peer in a jail? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Follow facility rules and keep the relationship voluntary and "
                                "respectful."
                            ),
                            "choices": [
                                (
                                    "Explaining the limits of confidentiality before people share.",
                                    True,
                                    "Correct.",
                                ),
                                (
                                    "Putting money on someone's commissary.",
                                    False,
                                    "This breaks boundaries and usually facility rules.",
                                ),
                                (
                                    "Making clear that talking with you is voluntary.",
                                    True,
                                    "Correct.",
                                ),
                                (
                                    "Giving out your personal phone number for after release.",
                                    False,
                                    "Use your program's contact details instead.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Peer supporters in a jail are part of the disciplinary process."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Peers are not part of the court, probation or discipline. "
                                "That is why people can trust them."
                            ),
                            "choices": [("True", False, "Not quite."), ("False", True, "Correct.")],
                        },
                    ],
                },
            },
            {
                "title": "Reentry",
                "summary": "Supporting people through release and the weeks that follow.",
                "lessons": [
                    {
                        "title": "Release: the highest-risk weeks",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "Why release is dangerous"),
                            (
                                "paragraph",
                                (
                                    "<p>The first two weeks after release from jail or prison "
                                    "carry a much higher risk of overdose death than at any other "
                                    "time. Tolerance drops while someone is inside, the drug "
                                    "supply may have changed, and release often comes with stress: "
                                    "no housing, no phone, no ID, court dates and broken "
                                    "relationships. Release can happen suddenly, even in the "
                                    "middle of the night.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>A peer-supported reentry plan:</p><ol><li>Start planning "
                                    "early, since release dates can change.</li><li>Talk about "
                                    "lower tolerance and overdose risk, without "
                                    "judgment.</li><li>Make sure the person leaves with naloxone "
                                    "if your program provides it, and knows how to use "
                                    "it.</li><li>Help connect them with medication for opioid use "
                                    "disorder if they want it, and with the care coordinator for a "
                                    "warm handoff.</li><li>Plan the first 72 hours: where they "
                                    "will sleep, eat and get help.</li><li>Agree how and when you "
                                    "will reconnect after release.</li></ol>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "Meeting someone at the door on release day, when "
                                        "possible and allowed, can be one of the most powerful "
                                        "things a peer does."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "The first two weeks after release are the highest "
                                        "overdose risk."
                                    ),
                                    "Lower tolerance and a changed supply increase danger.",
                                    "Naloxone, medication options and warm handoffs save lives.",
                                    "Plan the first 72 hours together.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": None,
            },
        ],
        "sessions": [
            {
                "title": "Detention center orientation and security briefing",
                "hours": 2,
                "location": "Custer County Detention Center, Miles City (with detention staff)",
            },
        ],
    },
    {
        "code": "PS-TRAUMA-GRP",
        "title": "Facilitating Beyond Trauma and Exploring Trauma",
        "track": "trauma-curricula",
        "summary": (
            "An orientation for peers preparing to co-facilitate Beyond Trauma (for women) and "
            "Exploring Trauma (for men) groups. It covers the purpose of each curriculum, how "
            "to create safety in a trauma group, and how to respond when strong feelings come "
            "up."
        ),
        "audience": "Experienced peer supporters preparing for curriculum facilitator training.",
        "delivery": "blended",
        "required_contact_hours": 6.75,
        "ce_hours": 3,
        "ce_category": "trauma-informed",
        "estimated_hours": 6.75,
        "sequential": True,
        "modules": [
            {
                "title": "Foundations for facilitators",
                "summary": (
                    "What the curricula are, who they are for, and how a trauma group keeps "
                    "people safe."
                ),
                "lessons": [
                    {
                        "title": "What Beyond Trauma and Exploring Trauma are",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Two gender-responsive curricula"),
                            (
                                "paragraph",
                                (
                                    "<p>Beyond Trauma: A Healing Journey for Women and Exploring "
                                    "Trauma: A Brief Intervention for Men are group curricula "
                                    "developed by Stephanie Covington and colleagues. Both are "
                                    "trauma-informed and gender-responsive, which means they take "
                                    "seriously how trauma, and the ways people cope with it, are "
                                    "often shaped by gender. Women are more often harmed by people "
                                    "close to them; many men were taught that they should not show "
                                    "pain or ask for help. Both programs are used in community "
                                    "settings, substance use programs and jails.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>The groups help people understand what trauma is, how it "
                                    "has affected their lives, and how healing happens. They focus "
                                    "on the present: coping skills, grounding, self-soothing and "
                                    "healthy relationships. Participants are never asked to "
                                    "describe their trauma in detail. Facilitators follow the "
                                    "published facilitator guide and participant workbook, and are "
                                    "prepared through the curriculum's own facilitator training. "
                                    "This course prepares you for that training; it does not "
                                    "replace it.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Principles for peer co-facilitators:</p><ul><li>Follow the "
                                    "session plans as written; the sequence is designed for "
                                    "safety.</li><li>Co-facilitate, so one person can attend to "
                                    "anyone who is struggling.</li><li>Share your own experience "
                                    "only briefly and with purpose.</li><li>Keep the focus on "
                                    "coping, strength and connection.</li></ul>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "Peer facilitators bring credibility and hope. "
                                        "Participants see that someone who has lived through "
                                        "hard things can lead a group about healing."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Beyond Trauma is for women; Exploring Trauma is for men.",
                                    "Both are trauma-informed and gender-responsive.",
                                    "Groups focus on present-day coping, not trauma details.",
                                    (
                                        "Follow the facilitator guide and complete curriculum "
                                        "training."
                                    ),
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Creating safety in a trauma group",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Safety first"),
                            (
                                "paragraph",
                                (
                                    "<p>Before a trauma group can help, people need to feel safe "
                                    "enough to be there. Safety starts before the first session: a "
                                    "quiet, private room, chairs arranged so nobody has their back "
                                    "to the door, tissues and water, and a clear explanation of "
                                    "what the group is and is not. In the first session, the group "
                                    "creates agreements together, such as confidentiality, "
                                    "respect, the right to pass, and how to take a break.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Group agreements that support safety:</p><ul><li>Anyone "
                                    "may pass or step out at any time.</li><li>What is said in the "
                                    "group stays in the group.</li><li>We share our own "
                                    "experiences, not others' stories.</li><li>No graphic details "
                                    "of trauma.</li><li>We start and end on time, and end with a "
                                    "grounding activity.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Predictability helps: start and end the same way each "
                                    "time, and tell people what is coming in each session. Explain "
                                    "the limits of confidentiality honestly, including any that "
                                    "apply in a jail or program setting. End every session with "
                                    "grounding so that people leave calmer than they came in.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "What made a group feel safe or unsafe for you in the past?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Prepare the room and explain the group clearly.",
                                    "Create agreements together, including the right to pass.",
                                    "Predictable structure supports safety.",
                                    "End each session with grounding.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Facilitation foundations check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "Which group is Exploring Trauma designed for?",
                            "kind": "single",
                            "explanation": (
                                "Exploring Trauma is for men; Beyond Trauma is for women."
                            ),
                            "choices": [
                                ("Men.", True, "Yes."),
                                ("Women.", False, "That is Beyond Trauma."),
                                (
                                    "Children.",
                                    False,
                                    "Neither curriculum is designed for children.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "In these groups, participants should describe their trauma in "
                                "detail so they can heal."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "The curricula focus on understanding and coping in the "
                                "present, not detailed trauma stories."
                            ),
                            "choices": [
                                (
                                    "True",
                                    False,
                                    "Not quite. Detailed accounts can overwhelm people.",
                                ),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                "Which help create safety in a trauma group? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Agreements, predictability, the right to pass and grounding "
                                "all support safety."
                            ),
                            "choices": [
                                ("The right to pass or step out.", True, "Correct."),
                                ("Ending each session with grounding.", True, "Correct."),
                                (
                                    (
                                        "Asking each person to share their worst experience in "
                                        "session one."
                                    ),
                                    False,
                                    "This can overwhelm people and the group.",
                                ),
                                ("A predictable structure for each session.", True, "Correct."),
                            ],
                        },
                    ],
                },
            },
            {
                "title": "Facilitation skills",
                "summary": (
                    "Responding when feelings run high, and looking after yourself as a "
                    "facilitator."
                ),
                "lessons": [
                    {
                        "title": "Responding to strong reactions in the group",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "When someone is overwhelmed"),
                            (
                                "paragraph",
                                (
                                    "<p>Even in a well-run group, talking about trauma can stir "
                                    "strong reactions: tears, anger, numbness or panic. This is "
                                    "not a sign the group has failed. Your job is to help the "
                                    "person come back to the present and feel safe, without the "
                                    "whole group being pulled into crisis.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>A response plan:</p><ol><li>Stay calm and keep your voice "
                                    "low and steady.</li><li>Invite the group into a short "
                                    "grounding exercise, such as slow breathing or noticing the "
                                    "room.</li><li>Offer the person a choice to stay or step out "
                                    "with your co-facilitator.</li><li>Gently redirect if a story "
                                    "becomes graphic: \"Let's pause there and take care of "
                                    'ourselves."</li><li>Check in with the person privately after '
                                    "the session.</li><li>If there is any risk of harm, follow "
                                    "your safety protocol.</li></ol>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Facilitating trauma groups can stir your own history. "
                                        "Debrief with your co-facilitator after every session "
                                        "and use supervision."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Strong reactions are expected, not failure.",
                                    "Ground the group, offer choice, redirect gently.",
                                    "Follow up privately and follow safety protocols.",
                                    "Debrief after every session.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": None,
            },
        ],
        "sessions": [
            {
                "title": "Co-facilitation practice: group agreements and grounding",
                "hours": 4,
                "location": "One Health Forsyth clinic, training room",
            },
        ],
    },
    {
        "code": "PS-SACRED-FAM",
        "title": "Fatherhood and Motherhood Are Sacred: Parenting as a Path to Recovery",
        "track": "sacred-parenting",
        "summary": (
            "An orientation to the Fatherhood is Sacred and Motherhood is Sacred programs and "
            "to supporting parents whose wish to be a good parent is fuelling their recovery."
        ),
        "audience": (
            "Peer supporters preparing to co-facilitate Fatherhood is Sacred or Motherhood is "
            "Sacred groups."
        ),
        "delivery": "blended",
        "required_contact_hours": 4.75,
        "ce_hours": 2,
        "ce_category": "perinatal",
        "estimated_hours": 4.75,
        "sequential": True,
        "modules": [
            {
                "title": "Parenting as a path to recovery",
                "summary": (
                    "Why parenthood is such a strong motivator for change, and how the Sacred "
                    "programs build on it."
                ),
                "lessons": [
                    {
                        "title": "Why parenting motivates recovery",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", '"I want to be the parent my child deserves"'),
                            (
                                "paragraph",
                                (
                                    "<p>Wanting to be a better parent is one of the strongest "
                                    "reasons people give for starting recovery. At One Health, "
                                    "peers see it again and again: a pregnancy, a new baby, or the "
                                    "chance to be part of a child's life becomes the turning "
                                    "point. This is a strength to build on. Many parents in "
                                    "recovery also carry guilt about the past, and some grew up "
                                    "without a safe parent themselves. Peer support helps parents "
                                    "hold their hope for the future without being crushed by shame "
                                    "about the past.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>The Fatherhood is Sacred and Motherhood is Sacred programs "
                                    "were developed by the Native American Fatherhood and Families "
                                    "Association. They are grounded in Native American values and "
                                    "teach that being a father or mother is a sacred role. They "
                                    "help parents strengthen their relationships with their "
                                    "children, partners and extended family, and see themselves as "
                                    "protectors, providers and teachers. Facilitators are trained "
                                    "and certified through the program.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>How peers support parents:</p><ul><li>Focus on strengths: "
                                    "what parents already do well.</li><li>Make room for grief and "
                                    "guilt without shame.</li><li>Talk about repair: it is never "
                                    "too late to rebuild a relationship with a "
                                    "child.</li><li>Include fathers and mothers, and the wider "
                                    "family.</li><li>Connect parenting goals to recovery "
                                    "goals.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Example: Darren has a two-year-old daughter he has not "
                                    "lived with since she was born. In group he says he feels he "
                                    "has already failed her. His peer co-facilitator shares that "
                                    "he missed years of his own son's life and is close to him "
                                    "now. Darren's goal becomes being at every supervised visit, "
                                    "on time and present. It is a parenting goal and a recovery "
                                    "goal at once.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "Who taught you about being a parent, a relative or an "
                                        "elder? What do you want to pass on?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Parenthood is one of the strongest motivators for recovery.",
                                    "Build on strengths and hope, not shame.",
                                    "The Sacred programs honour parenting as a sacred role.",
                                    "Repair is always possible.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Bringing the program to families",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "Facilitating with respect"),
                            (
                                "paragraph",
                                (
                                    "<p>Groups work best when parents feel welcome exactly as they "
                                    "are. Some will be living with their children, some will have "
                                    "supervised visits, some will be in jail or treatment. Avoid "
                                    'assumptions about who is a "good" parent. Practical help '
                                    "makes it possible to attend: meeting at a time that works, "
                                    "offering food, and welcoming babies where the program "
                                    "allows.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Follow the program's curriculum and the guidance of its "
                                    "trainers, especially on cultural teachings. If you are not "
                                    "from the culture being taught, be open about it and invite "
                                    "those who hold that knowledge to share it. Keep the same "
                                    "ethics you use in all peer work: confidentiality, consent and "
                                    "the limits you have explained, including your duty if you "
                                    "learn a child is being harmed.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Never use a parent's children as leverage, for "
                                        "example by suggesting they will lose custody if they "
                                        "do not attend. Encouragement works; threats destroy "
                                        "trust."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Welcome every parent as they are.",
                                    "Remove practical barriers to attending.",
                                    "Follow the curriculum and honour cultural teachings.",
                                    "Encourage; never threaten.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Parenting and recovery check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "Wanting to be a better parent is one of the strongest "
                                "motivators for recovery."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Parenthood is a powerful reason for change and a strength to "
                                "build on."
                            ),
                            "choices": [
                                ("True", True, "Correct."),
                                (
                                    "False",
                                    False,
                                    "Not quite. Peers see this motivation again and again.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "A father in group says he has failed his child. What is the "
                                "most helpful peer response?"
                            ),
                            "kind": "single",
                            "explanation": "Acknowledge the feeling and focus on hope and repair.",
                            "choices": [
                                (
                                    "Agree that he has made serious mistakes.",
                                    False,
                                    "This adds to shame and does not help him move forward.",
                                ),
                                (
                                    (
                                        "Acknowledge the feeling and talk about what repair could "
                                        "look like."
                                    ),
                                    True,
                                    "Yes. It honours his feelings and builds hope.",
                                ),
                                (
                                    "Change the subject to keep the group upbeat.",
                                    False,
                                    "This misses an important moment.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Which practices make groups more welcoming? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Practical support and a welcome free of judgment help parents "
                                "attend."
                            ),
                            "choices": [
                                ("Offering food.", True, "Correct."),
                                ("Meeting at times that work for parents.", True, "Correct."),
                                (
                                    (
                                        "Telling parents they could lose custody if they miss "
                                        "sessions."
                                    ),
                                    False,
                                    "Threats destroy trust.",
                                ),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [
            {
                "title": "Group practice: opening circle and strengths-based parenting",
                "hours": 3,
                "location": "One Health Miles City clinic, community room",
            },
        ],
    },
]

CE_ELECTIVES = [
    {
        "code": "CE-MHFA-101",
        "title": "Mental Health First Aid Basics for Peers",
        "track": "ce-electives",
        "summary": (
            "A short refresher on offering first support to someone experiencing a mental "
            "health challenge or crisis, using the ALGEE action plan."
        ),
        "audience": (
            "Peer supporters who want to refresh first-response skills between full trainings."
        ),
        "delivery": "online",
        "required_contact_hours": 1,
        "ce_hours": 1,
        "ce_category": "general",
        "estimated_hours": 1,
        "sequential": False,
        "modules": [
            {
                "title": "Mental Health First Aid Basics for Peers",
                "summary": (
                    "A short refresher on offering first support to someone experiencing a "
                    "mental health challenge or crisis, using the ALGEE action plan."
                ),
                "lessons": [
                    {
                        "title": "The ALGEE action plan",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "First support, not diagnosis"),
                            (
                                "paragraph",
                                (
                                    "<p>Mental health first aid is the help offered to someone "
                                    "developing a mental health or substance use challenge, or in "
                                    "a crisis, until appropriate support is found or the crisis "
                                    "resolves. Like physical first aid, it does not require you to "
                                    "diagnose or treat anything. For peers, many of these skills "
                                    "will feel familiar, because they are about listening, hope "
                                    "and connection. This elective is a refresher; it does not "
                                    "replace the full Mental Health First Aid course, whose "
                                    "certification is renewed every three years.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>The ALGEE action plan, which can be used in any "
                                    "order:</p><ol><li><strong>A</strong>ssess for risk of suicide "
                                    "or harm.</li><li><strong>L</strong>isten "
                                    "nonjudgmentally.</li><li><strong>G</strong>ive reassurance "
                                    "and information.</li><li><strong>E</strong>ncourage "
                                    "appropriate professional "
                                    "help.</li><li><strong>E</strong>ncourage self-help and other "
                                    "support strategies.</li></ol>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Example: at a community workout group, a man sits out and "
                                    "says he has not slept in days and can't stop his thoughts "
                                    "racing. The peer supporter sits beside him, asks how he is "
                                    "doing and listens without jumping in. She asks directly "
                                    "whether he has had thoughts of hurting himself; he says no. "
                                    "She reassures him that what he is feeling is real and that "
                                    "help exists, and asks what has helped before. He agrees to "
                                    "let her help him call the clinic for an appointment that "
                                    "week, and to text her after he does.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "If someone is in immediate danger, call 911. For a "
                                        "mental health or suicidal crisis, people can call or "
                                        "text 988 at any time."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Mental health first aid offers support until help is found.",
                                    (
                                        "ALGEE: assess risk, listen, reassure, encourage "
                                        "professional help and self-help."
                                    ),
                                    (
                                        "Ask directly about suicide; it does not put the idea in "
                                        "anyone's head."
                                    ),
                                    (
                                        "Full MHFA certification is a separate course renewed "
                                        "every three years."
                                    ),
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Mental health first aid check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "In ALGEE, what does the L stand for?",
                            "kind": "single",
                            "explanation": "L is for listening nonjudgmentally.",
                            "choices": [
                                ("Listen nonjudgmentally.", True, "Yes."),
                                (
                                    "Lead the person to the emergency room.",
                                    False,
                                    "That is not part of ALGEE.",
                                ),
                                (
                                    "Label the problem.",
                                    False,
                                    "Mental health first aid does not diagnose.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Asking someone directly whether they are thinking about "
                                "suicide can put the idea in their head."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Asking directly is safe and tells the person it is OK to talk."
                            ),
                            "choices": [
                                (
                                    "True",
                                    False,
                                    "Not quite. Research shows asking does not increase risk.",
                                ),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                "Which are part of the ALGEE action plan? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "ALGEE includes assessing risk, listening, reassuring and "
                                "encouraging professional help and self-help."
                            ),
                            "choices": [
                                ("Give reassurance and information.", True, "Correct."),
                                ("Encourage appropriate professional help.", True, "Correct."),
                                (
                                    "Decide which medication would help.",
                                    False,
                                    "That is clinical work.",
                                ),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-DEESC-101",
        "title": "De-escalation for Peer Supporters",
        "track": "ce-electives",
        "summary": (
            "Practical, trauma-informed ways to help calm a tense situation while keeping "
            "everyone, including you, safe."
        ),
        "audience": "Peer supporters working in community, clinic, shelter or jail settings.",
        "delivery": "online",
        "required_contact_hours": 1,
        "ce_hours": 1,
        "ce_category": "general",
        "estimated_hours": 1,
        "sequential": False,
        "modules": [
            {
                "title": "De-escalation for Peer Supporters",
                "summary": (
                    "Practical, trauma-informed ways to help calm a tense situation while "
                    "keeping everyone, including you, safe."
                ),
                "lessons": [
                    {
                        "title": "Calming tense situations safely",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Anger usually has a reason"),
                            (
                                "paragraph",
                                (
                                    "<p>People often become angry or agitated when they feel "
                                    "afraid, unheard, disrespected or out of control. Pain, "
                                    "hunger, withdrawal, stimulants, trauma reminders and long "
                                    "waits can all add fuel. De-escalation means using your words, "
                                    "voice and body to lower the temperature and help the person "
                                    "regain a sense of control. It is not about winning an "
                                    "argument or making someone comply.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Skills that help:</p><ul><li>Keep your own body calm: slow "
                                    "breathing, relaxed hands, a soft voice.</li><li>Give space: "
                                    "stand at an angle, about two arm lengths away.</li><li>Listen "
                                    "first, then reflect the feeling: \"You've waited two hours "
                                    "and nobody told you why. That's frustrating.\"</li><li>Use "
                                    "short, simple sentences and one request at a "
                                    'time.</li><li>Offer real choices: "Would you like to sit here '
                                    'or step outside with me?"</li><li>Agree with what you can, '
                                    "and don't argue about the rest.</li><li>Set limits "
                                    'respectfully: "I want to help, and I need us to keep our '
                                    'voices down so we can."</li></ul>'
                                ),
                            ),
                            ("heading", "Your safety matters too"),
                            (
                                "paragraph",
                                (
                                    "<p>Know where the exits are and do not let the person stand "
                                    "between you and the door. Never block someone's way out. If "
                                    "there is a weapon, violence or threats of violence, leave and "
                                    "call for help. Afterwards, debrief with a colleague or your "
                                    "supervisor; even when things go well, a tense situation takes "
                                    "something out of you.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "If someone may be overamping or in a medical "
                                        "emergency, de-escalation is not enough. Call 911 for "
                                        "chest pain, seizures, overheating or confusion."
                                    ),
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "What happens in your own body when someone raises "
                                        "their voice at you? What helps you stay steady?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Agitation often comes from fear, pain or feeling unheard.",
                                    "Calm body, space, listening and real choices lower tension.",
                                    "Set limits respectfully; don't argue.",
                                    "Know your exits and leave if there is danger.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "De-escalation check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "Which is the best first step with someone who is shouting "
                                "about a long wait?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Listening and reflecting the feeling helps the person feel heard."
                            ),
                            "choices": [
                                (
                                    "Tell them to calm down.",
                                    False,
                                    "This often makes people feel dismissed.",
                                ),
                                (
                                    "Listen, then reflect the feeling behind the words.",
                                    True,
                                    "Yes. Feeling heard lowers tension.",
                                ),
                                (
                                    "Explain the clinic's rules in detail.",
                                    False,
                                    "Long explanations rarely help.",
                                ),
                            ],
                        },
                        {
                            "prompt": "Which help keep you safe? Select all that apply.",
                            "kind": "multiple",
                            "explanation": (
                                "Space, knowing exits and leaving when there is danger keep "
                                "you safe."
                            ),
                            "choices": [
                                ("Standing at an angle, with space between you.", True, "Correct."),
                                ("Keeping a clear path to the exit.", True, "Correct."),
                                (
                                    "Blocking the door so the person cannot leave.",
                                    False,
                                    "Blocking someone in raises tension and danger.",
                                ),
                                (
                                    "Leaving and calling for help if there is a weapon.",
                                    True,
                                    "Correct.",
                                ),
                            ],
                        },
                        {
                            "prompt": "De-escalation is mainly about getting the person to comply.",
                            "kind": "true_false",
                            "explanation": (
                                "De-escalation is about lowering tension and helping the "
                                "person regain control."
                            ),
                            "choices": [("True", False, "Not quite."), ("False", True, "Correct.")],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-ACES-101",
        "title": "Adverse Childhood Experiences and Resilience",
        "track": "ce-electives",
        "summary": (
            "What the research on adverse childhood experiences shows, why it matters for peer "
            "work and parenting, and how positive experiences and relationships build "
            "resilience."
        ),
        "audience": "Peer supporters working with adults, parents and families.",
        "delivery": "online",
        "required_contact_hours": 1.5,
        "ce_hours": 1.5,
        "ce_category": "trauma-informed",
        "estimated_hours": 1.5,
        "sequential": False,
        "modules": [
            {
                "title": "Adverse Childhood Experiences and Resilience",
                "summary": (
                    "What the research on adverse childhood experiences shows, why it matters "
                    "for peer work and parenting, and how positive experiences and "
                    "relationships build resilience."
                ),
                "lessons": [
                    {
                        "title": "What ACEs are",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "The ACE study"),
                            (
                                "paragraph",
                                (
                                    "<p>Adverse childhood experiences, or ACEs, are potentially "
                                    "traumatic events that happen before age 18. The original ACE "
                                    "study, carried out by the CDC and Kaiser Permanente in the "
                                    "1990s with more than 17,000 adults, asked about ten kinds of "
                                    "experiences. It found that ACEs are common: about two in "
                                    "three adults report at least one. It also found that the more "
                                    "ACEs people had, the higher their risk, on average, of later "
                                    "health problems, including heart disease, depression and "
                                    "substance use.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>The ten original ACEs fall into three "
                                    "groups:</p><ul><li><strong>Abuse:</strong> physical, "
                                    "emotional or sexual.</li><li><strong>Neglect:</strong> "
                                    "physical or emotional.</li><li><strong>Household "
                                    "challenges:</strong> substance use, mental illness, violence "
                                    "against a parent, a family member in jail or prison, and "
                                    "parental separation or divorce.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Later work has added community experiences such as "
                                    "poverty, racism, community violence and historical trauma. "
                                    "Toxic stress, the constant activation of the body's stress "
                                    "response without a buffering adult, is one way ACEs affect a "
                                    "growing brain and body.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "An ACE score describes risk across large groups. It "
                                        "cannot predict any one person's future and is not a "
                                        "diagnosis. Never pressure anyone to share their score."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "ACEs are common: about two in three adults have at least one.",
                                    "Ten original ACEs: abuse, neglect and household challenges.",
                                    "More ACEs means higher average risk, not a fixed future.",
                                    "Community experiences like racism and poverty matter too.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Resilience and positive experiences",
                        "estimated_minutes": 45,
                        "body": [
                            ("heading", "ACEs are not destiny"),
                            (
                                "paragraph",
                                (
                                    "<p>Many people with high ACE scores live healthy, connected "
                                    "lives. Research on positive childhood experiences shows that "
                                    "feeling safe at home, being able to talk with family, feeling "
                                    "supported by friends, belonging at school or in the "
                                    "community, and having caring adults outside the family all "
                                    "protect health, even alongside adversity. The single most "
                                    "important buffer is a safe, stable, nurturing relationship "
                                    "with at least one adult.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>For peers, this is hopeful news on two levels. Your own "
                                    "story may include ACEs, and your recovery shows that healing "
                                    "is possible. And many parents you support worry that they are "
                                    "passing their own childhood on to their children. You can "
                                    "share that every safe, loving moment with a child builds "
                                    "resilience, and that it is never too late to start. Recovery "
                                    "itself is one of the best protections a parent can give a "
                                    "child.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "Who was a caring adult for you when you were young, "
                                        "even briefly? What did they do that made a difference?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Positive childhood experiences protect health.",
                                    "One safe, stable, nurturing adult makes a big difference.",
                                    "Parents in recovery can build resilience in their children.",
                                    "Your own story can be living evidence of healing.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "ACEs check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "Which is one of the ten original ACEs?",
                            "kind": "single",
                            "explanation": (
                                "The original ACEs include abuse, neglect and household "
                                "challenges such as a family member in jail."
                            ),
                            "choices": [
                                ("A family member in jail or prison.", True, "Yes."),
                                ("Moving to a new town.", False, "Not one of the original ten."),
                                ("Having a sibling.", False, "Not an ACE."),
                            ],
                        },
                        {
                            "prompt": (
                                "A person's ACE score can predict exactly what will happen in "
                                "their life."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "ACE scores describe risk across groups, not one person's future."
                            ),
                            "choices": [
                                ("True", False, "Not quite. ACEs are not destiny."),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                "Which protect children's health and build resilience? Select "
                                "all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Safe, stable, nurturing relationships and a sense of "
                                "belonging protect children."
                            ),
                            "choices": [
                                ("A caring adult outside the family.", True, "Correct."),
                                ("Feeling safe and able to talk at home.", True, "Correct."),
                                ("Belonging at school or in the community.", True, "Correct."),
                                (
                                    "Never talking about feelings.",
                                    False,
                                    "Talking with trusted adults helps.",
                                ),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-MI-101",
        "title": "Motivational and Solutions-Based Conversations",
        "track": "ce-electives",
        "summary": (
            "Using the spirit and skills of motivational interviewing and solution-focused "
            "questions to help people find their own reasons and ways to change."
        ),
        "audience": "Peer supporters who want to deepen their conversation skills.",
        "delivery": "online",
        "required_contact_hours": 2,
        "ce_hours": 2,
        "ce_category": "general",
        "estimated_hours": 2,
        "sequential": False,
        "modules": [
            {
                "title": "Motivational and Solutions-Based Conversations",
                "summary": (
                    "Using the spirit and skills of motivational interviewing and "
                    "solution-focused questions to help people find their own reasons and ways "
                    "to change."
                ),
                "lessons": [
                    {
                        "title": "The spirit and skills of motivational interviewing",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Drawing out, not putting in"),
                            (
                                "paragraph",
                                (
                                    "<p>Motivational interviewing (MI) is a way of talking with "
                                    "people about change that draws out their own reasons rather "
                                    "than supplying ours. It fits peer support well because it is "
                                    "collaborative and respects autonomy. Its spirit has four "
                                    "parts: <strong>partnership</strong> (working with, not on, "
                                    "someone), <strong>acceptance</strong> (respecting their worth "
                                    "and choices), <strong>compassion</strong> (putting their "
                                    "wellbeing first) and <strong>evocation</strong> (drawing out "
                                    "their own wisdom and motivation).</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Most people feel two ways about change. Someone may want "
                                    "to cut down their drinking and also feel it is the only thing "
                                    "that helps them sleep. That ambivalence is normal. If you "
                                    "argue for change, people tend to argue back for staying the "
                                    "same. Resisting this urge to fix things, sometimes called the "
                                    "righting reflex, is one of the hardest and most important MI "
                                    "skills.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>The core skills, known as OARS:</p><ul><li><strong>Open "
                                    'questions:</strong> "What would you like to be '
                                    'different?"</li><li><strong>Affirmations:</strong> "You kept '
                                    "going to work through all of that. That takes real "
                                    'strength."</li><li><strong>Reflections:</strong> "Part of you '
                                    "is tired of how things are, and part of you is worried about "
                                    "what you'd lose.\"</li><li><strong>Summaries:</strong> "
                                    "pulling together what you have heard, especially the person's "
                                    "own reasons for change.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Listen for <em>change talk</em>: the person's own "
                                    "statements about desire, ability, reasons and need to change "
                                    '("I want to be there for my kids", "I did it once before"). '
                                    "When you hear it, reflect it back and ask for more.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "You do not need to be an MI expert to use its spirit. "
                                        "Curiosity, respect and good reflections already go a "
                                        "long way."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "MI draws out the person's own reasons for change.",
                                    "Spirit: partnership, acceptance, compassion, evocation.",
                                    "Ambivalence is normal; resist the righting reflex.",
                                    "OARS: open questions, affirmations, reflections, summaries.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Solution-focused questions",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Building on what already works"),
                            (
                                "paragraph",
                                (
                                    "<p>Solution-focused conversations spend less time on the "
                                    "problem and more time on what the person wants and what is "
                                    "already working. They assume people have strengths and past "
                                    "successes to build on. This matches the peer focus on moving "
                                    "towards what people want rather than only away from what they "
                                    "fear.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Useful questions:</p><ul><li><strong>Scaling "
                                    'questions:</strong> "On a scale of 0 to 10, how confident are '
                                    "you? What makes it a 4 and not a 2? What would move it to a "
                                    '5?"</li><li><strong>Exception questions:</strong> "Tell me '
                                    "about a day recently when things went a little better. What "
                                    'was different?"</li><li><strong>The miracle '
                                    'question:</strong> "Suppose you woke up tomorrow and things '
                                    "were the way you want them. What would be the first thing "
                                    "you'd notice?\"</li><li><strong>Coping questions:</strong> "
                                    '"With everything going on, how have you kept going?"</li></ul>'
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Example: a mother says she will never manage to get to her "
                                    "appointments. Her peer asks about a time she did make it. She "
                                    "remembers that her sister watched the kids once. They scale "
                                    "her confidence at 3, and she decides that asking her sister "
                                    "again would make it a 5. It is her plan, built from her own "
                                    "success.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "Think of a change you made in your own life. What "
                                        "question, or what person, helped you see that you "
                                        "could do it?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Focus on what the person wants and what already works.",
                                    "Scaling, exception, miracle and coping questions.",
                                    "Small steps built on past success.",
                                    "The plan belongs to the person.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Conversation skills check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "What does OARS stand for?",
                            "kind": "single",
                            "explanation": (
                                "OARS: open questions, affirmations, reflections, summaries."
                            ),
                            "choices": [
                                (
                                    "Open questions, affirmations, reflections, summaries.",
                                    True,
                                    "Yes.",
                                ),
                                (
                                    "Observe, advise, redirect, support.",
                                    False,
                                    "Advising is not one of the core skills.",
                                ),
                                (
                                    "Options, agreements, rules, sanctions.",
                                    False,
                                    "Not part of MI.",
                                ),
                            ],
                        },
                        {
                            "prompt": "Which are examples of change talk? Select all that apply.",
                            "kind": "multiple",
                            "explanation": (
                                "Change talk is the person's own statements about desire, "
                                "ability, reasons or need to change."
                            ),
                            "choices": [
                                (
                                    '"I want to be there for my kids."',
                                    True,
                                    "Correct. This is desire.",
                                ),
                                (
                                    '"I stopped smoking once before."',
                                    True,
                                    "Correct. This is ability.",
                                ),
                                (
                                    '"There\'s no point trying."',
                                    False,
                                    "This is talk about staying the same; reflect it with empathy.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Arguing strongly for change is the best way to help someone "
                                "who feels two ways about it."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Arguing for change tends to make people argue for staying the "
                                "same."
                            ),
                            "choices": [
                                ("True", False, "Not quite. This is the righting reflex."),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                '"What makes it a 4 and not a 2?" is an example of which kind '
                                "of question?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "This is a scaling question, which draws attention to "
                                "strengths already present."
                            ),
                            "choices": [
                                ("A scaling question.", True, "Yes."),
                                ("A closed question.", False, "It invites a detailed answer."),
                                (
                                    "A miracle question.",
                                    False,
                                    "The miracle question imagines the future.",
                                ),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-ESC-101",
        "title": "Eat, Sleep, Console: Supporting Families of Newborns",
        "track": "ce-electives",
        "summary": (
            "How the Eat, Sleep, Console approach cares for newborns with opioid withdrawal "
            "and puts parents at the centre, and how peers and recovery doulas can support "
            "them."
        ),
        "audience": "Peer supporters and recovery doulas supporting families with newborns.",
        "delivery": "online",
        "required_contact_hours": 1,
        "ce_hours": 1,
        "ce_category": "perinatal",
        "estimated_hours": 1,
        "sequential": False,
        "modules": [
            {
                "title": "Eat, Sleep, Console: Supporting Families of Newborns",
                "summary": (
                    "How the Eat, Sleep, Console approach cares for newborns with opioid "
                    "withdrawal and puts parents at the centre, and how peers and recovery "
                    "doulas can support them."
                ),
                "lessons": [
                    {
                        "title": "Parents as the first treatment",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "A different way to care for newborns"),
                            (
                                "paragraph",
                                (
                                    "<p>Some babies exposed to opioids before birth, including "
                                    "through prescribed medication for opioid use disorder, show "
                                    "signs of withdrawal after birth. This is called neonatal "
                                    "opioid withdrawal syndrome. Babies may be fussy, hard to "
                                    "settle, have trouble feeding and sleeping, and have tight "
                                    "muscles or tremors. Withdrawal is treatable, and it does not "
                                    'mean the baby is "addicted" or that the parent has harmed '
                                    "them by taking treatment.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>The Eat, Sleep, Console approach, used in many hospitals, "
                                    "focuses on the baby's ability to function. The care team asks "
                                    "three simple questions: Can the baby <strong>eat</strong> "
                                    "well? Can the baby <strong>sleep</strong> for a reasonable "
                                    "stretch? Can the baby be <strong>consoled</strong> within a "
                                    "short time? If the answer is yes, the baby is doing well. If "
                                    "not, the first step is more comforting care; medicine is "
                                    "added if it is still needed. A large study published in 2023 "
                                    "found that babies cared for this way were ready to go home "
                                    "several days sooner, without signs of harm.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Comforting care, led by parents:</p><ul><li>Rooming in: "
                                    "baby stays with the parent rather than in a "
                                    "nursery.</li><li>Skin-to-skin contact and "
                                    "holding.</li><li>Swaddling, gentle rocking and a quiet, dimly "
                                    "lit room.</li><li>Feeding on demand; breastfeeding is often "
                                    "encouraged when it is safe.</li><li>Limiting visitors and "
                                    "noise.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>This approach puts parents at the centre, which is hopeful "
                                    "and also demanding. Parents may be exhausted, anxious and "
                                    "worried about judgment from staff. A peer or recovery doula "
                                    "can sit with them, help them rest while someone trusted holds "
                                    "the baby, encourage them to ask the nurses questions, and "
                                    "remind them that their presence is medicine for their "
                                    "baby.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "Medication decisions for the parent and the baby "
                                        "belong to the care team and the family. Your role is "
                                        "support, encouragement and connection."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    (
                                        "Withdrawal in newborns is treatable and not a sign of bad "
                                        "parenting."
                                    ),
                                    "Eat, Sleep, Console: can the baby eat, sleep and be consoled?",
                                    "Parents' comfort and closeness are the first treatment.",
                                    "Peers help parents rest, ask questions and feel welcome.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Eat, Sleep, Console check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "What is the first step when a baby is not eating, sleeping or "
                                "being consoled well under Eat, Sleep, Console?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "The first step is more comforting, non-medicine care led by "
                                "parents; medicine is added if still needed."
                            ),
                            "choices": [
                                (
                                    "Increase comforting care such as holding and quiet.",
                                    True,
                                    "Yes.",
                                ),
                                (
                                    "Move the baby to a separate nursery.",
                                    False,
                                    "Rooming in is preferred.",
                                ),
                                (
                                    "Tell the parent to leave so the baby can rest.",
                                    False,
                                    "Parents are central.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Which are examples of comforting care? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": "Skin-to-skin, swaddling and a quiet room all help.",
                            "choices": [
                                ("Skin-to-skin contact.", True, "Correct."),
                                ("Swaddling.", True, "Correct."),
                                (
                                    "A bright, busy room with many visitors.",
                                    False,
                                    "Quiet and calm help more.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Taking medication for opioid use disorder during pregnancy "
                                "means a parent has harmed their baby."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Medication for opioid use disorder is recommended treatment. "
                                "Any withdrawal in the baby is treatable."
                            ),
                            "choices": [
                                (
                                    "True",
                                    False,
                                    "Not quite. It is recommended, evidence-based treatment.",
                                ),
                                ("False", True, "Correct."),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-STROKE-101",
        "title": "Recognising a Stroke: BE FAST",
        "track": "ce-electives",
        "summary": (
            "How to spot the signs of a stroke quickly and what to do, with attention to the "
            "long distances of rural Montana."
        ),
        "audience": (
            "All peer supporters, and anyone who spends time with older adults or people who "
            "use stimulants."
        ),
        "delivery": "online",
        "required_contact_hours": 1,
        "ce_hours": 1,
        "ce_category": "general",
        "estimated_hours": 1,
        "sequential": False,
        "modules": [
            {
                "title": "Recognising a Stroke: BE FAST",
                "summary": (
                    "How to spot the signs of a stroke quickly and what to do, with attention "
                    "to the long distances of rural Montana."
                ),
                "lessons": [
                    {
                        "title": "Spot it, call 911, note the time",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Time is brain"),
                            (
                                "paragraph",
                                (
                                    "<p>A stroke happens when blood flow to part of the brain is "
                                    "blocked or a blood vessel in the brain bursts. Brain cells "
                                    "begin to die within minutes, so every minute counts. Some "
                                    "treatments, such as clot-dissolving medicine, only work if "
                                    "they are given within a few hours of symptoms starting. In "
                                    "rural Montana, where the nearest stroke-ready hospital may be "
                                    "far away, calling 911 quickly matters even more: emergency "
                                    "crews can start care on the way and alert the hospital.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Use BE FAST:</p><ul><li><strong>B</strong>alance: sudden "
                                    "loss of balance or "
                                    "coordination.</li><li><strong>E</strong>yes: sudden trouble "
                                    "seeing in one or both eyes.</li><li><strong>F</strong>ace: "
                                    "one side of the face droops. Ask them to "
                                    "smile.</li><li><strong>A</strong>rm: one arm is weak or numb. "
                                    "Ask them to raise both arms.</li><li><strong>S</strong>peech: "
                                    "slurred or strange speech, or trouble "
                                    "understanding.</li><li><strong>T</strong>ime: call 911 right "
                                    "away.</li></ul>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>What to do:</p><ol><li>Call 911, even if the symptoms seem "
                                    "to go away.</li><li>Note the time the symptoms started, or "
                                    "when the person was last seen well. Tell the emergency "
                                    "crew.</li><li>Keep the person safe and comfortable; do not "
                                    "give them food, drink or medicine.</li><li>If they become "
                                    "unresponsive, check their breathing and put them in the "
                                    "recovery position if they are breathing.</li><li>Stay with "
                                    "them until help arrives.</li></ol>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Do not drive the person to hospital yourself unless "
                                        "emergency services tell you to. Crews can begin care "
                                        "and route them to the right hospital. Stimulant use "
                                        "can cause strokes in young people too, so never "
                                        "dismiss the signs because of age."
                                    ),
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "Symptoms that come and go may be a transient "
                                        "ischaemic attack, a warning sign of a stroke to come. "
                                        "It still needs emergency care."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "BE FAST: balance, eyes, face, arm, speech, time.",
                                    "Call 911 right away, even if symptoms improve.",
                                    "Note when symptoms began or when the person was last well.",
                                    "No food, drink or medicine; stay with them.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Stroke recognition check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "In BE FAST, what does the A stand for?",
                            "kind": "single",
                            "explanation": (
                                "A is for arm weakness. Ask the person to raise both arms."
                            ),
                            "choices": [
                                ("Arm weakness.", True, "Yes."),
                                ("Alcohol.", False, "Not part of BE FAST."),
                                ("Anxiety.", False, "Not part of BE FAST."),
                            ],
                        },
                        {
                            "prompt": (
                                "If stroke symptoms go away after a few minutes, there is no "
                                "need to call 911."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Passing symptoms may be a warning stroke and still need "
                                "emergency care."
                            ),
                            "choices": [
                                ("True", False, "Not quite. Call 911 even if symptoms improve."),
                                ("False", True, "Correct."),
                            ],
                        },
                        {
                            "prompt": (
                                "Which should you do while waiting for help? Select all that apply."
                            ),
                            "kind": "multiple",
                            "explanation": (
                                "Note the time, keep the person safe and stay with them. Do "
                                "not give food, drink or medicine."
                            ),
                            "choices": [
                                ("Note when the symptoms started.", True, "Correct."),
                                (
                                    "Give them aspirin.",
                                    False,
                                    "Do not give medicine; some strokes are bleeds.",
                                ),
                                ("Stay with them until help arrives.", True, "Correct."),
                                (
                                    (
                                        "Put them in the recovery position if unresponsive but "
                                        "breathing."
                                    ),
                                    True,
                                    "Correct.",
                                ),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-SUIC-201",
        "title": "Suicide Prevention for Peer Supporters",
        "track": "ce-electives",
        "summary": (
            "Recognising warning signs, asking directly about suicide, safety planning and "
            "reducing access to lethal means. Meets the two-hour suicide prevention "
            "requirement for renewal."
        ),
        "audience": (
            "All certified peer supporters; counts toward the suicide prevention CE requirement."
        ),
        "delivery": "online",
        "required_contact_hours": 2,
        "ce_hours": 2,
        "ce_category": "suicide-prevention",
        "estimated_hours": 2,
        "sequential": False,
        "modules": [
            {
                "title": "Suicide Prevention for Peer Supporters",
                "summary": (
                    "Recognising warning signs, asking directly about suicide, safety planning "
                    "and reducing access to lethal means. Meets the two-hour suicide "
                    "prevention requirement for renewal."
                ),
                "lessons": [
                    {
                        "title": "Warning signs and asking directly",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Suicide in our communities"),
                            (
                                "paragraph",
                                (
                                    "<p>Montana has had one of the highest suicide rates in the "
                                    "United States for many years. Rural isolation, long distances "
                                    "to care, economic stress, high rates of firearm ownership and "
                                    "stigma about asking for help all play a part. People who use "
                                    "substances, people recently released from jail, veterans, "
                                    "Indigenous young people and new parents can face particular "
                                    "risks. Many peer supporters have their own experience of "
                                    "suicidal thoughts or of losing someone to suicide. That "
                                    "experience can be a source of deep connection; it also means "
                                    "this training may stir feelings, so take breaks as you "
                                    "need.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Warning signs to take seriously:</p><ul><li>Talking about "
                                    "wanting to die, being a burden or having no reason to "
                                    "live.</li><li>Looking for a way to die, such as seeking a gun "
                                    "or stockpiling pills.</li><li>Increased alcohol or drug "
                                    "use.</li><li>Withdrawing from people and "
                                    "activities.</li><li>Giving away possessions or saying "
                                    "goodbye.</li><li>Extreme mood swings, rage, or a sudden calm "
                                    "after a hard time.</li></ul>"
                                ),
                            ),
                            ("heading", "Ask directly"),
                            (
                                "paragraph",
                                (
                                    '<p>If you notice warning signs, ask clearly: "Are you '
                                    'thinking about killing yourself?" or "Are you thinking about '
                                    "suicide?\" Asking does not put the idea in someone's head; it "
                                    "gives them permission to talk. Avoid softened questions such "
                                    'as "You\'re not thinking of doing anything silly, are you?", '
                                    "which invite a no. If the answer is yes, stay calm, thank "
                                    "them for telling you, and listen. Ask whether they have a "
                                    "plan and access to means, and whether they have acted on it. "
                                    "Then help them connect with support.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": (
                                        "The 988 Suicide and Crisis Lifeline is available by "
                                        "call or text at any time. Veterans can press 1. If "
                                        "someone is in immediate danger, call 911 and stay "
                                        "with them."
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Montana's suicide rate is among the highest in the nation.",
                                    "Know the warning signs, including sudden calm.",
                                    "Ask directly; it does not plant the idea.",
                                    "988 by call or text; 911 for immediate danger.",
                                ],
                            ),
                        ],
                    },
                    {
                        "title": "Safety planning and lethal means",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Making a plan together"),
                            (
                                "paragraph",
                                (
                                    "<p>A safety plan is a short, written plan a person makes for "
                                    "getting through a suicidal crisis. It is made with the "
                                    "person, in their own words, and kept where they can find it, "
                                    "such as on their phone. Peers are well placed to help, "
                                    "because people often find it easier to be honest with someone "
                                    "who has been there.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>A typical safety plan includes:</p><ol><li>My warning "
                                    "signs: thoughts, feelings or situations that come before a "
                                    "crisis.</li><li>Things I can do on my own to cope, like a "
                                    "walk or music.</li><li>People and places that help take my "
                                    "mind off things.</li><li>People I can ask for help, with "
                                    "phone numbers.</li><li>Professionals and crisis lines, "
                                    "including 988.</li><li>How I will make my surroundings "
                                    "safer.</li><li>My reasons for living.</li></ol>"
                                ),
                            ),
                            ("heading", "Reducing access to lethal means"),
                            (
                                "paragraph",
                                (
                                    "<p>Many suicidal crises are brief, and putting time and "
                                    "distance between a person and lethal means saves lives. In "
                                    "Montana, most suicide deaths involve firearms. Temporarily "
                                    "storing guns away from home, with a trusted friend or "
                                    "relative or at a business that offers storage, or locking "
                                    "them with the key held by someone else, can make the "
                                    "difference. Locking up or disposing of extra medications also "
                                    "helps. Talk about this respectfully and practically: the goal "
                                    "is safety during a hard time, not taking anyone's rights "
                                    "away.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Never promise to keep suicidal thoughts secret. After "
                                        "any conversation about suicide, follow your agency's "
                                        "protocol, involve your supervisor, and take care of "
                                        "yourself too."
                                    ),
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "How would you start a conversation about storing "
                                        "firearms safely with someone who hunts and values "
                                        "their guns?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "Safety plans are made with the person, in their words.",
                                    (
                                        "Include warning signs, coping, people, professionals, "
                                        "safety and reasons."
                                    ),
                                    "Time and distance from lethal means save lives.",
                                    "Follow your protocol and look after yourself afterwards.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Suicide prevention check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": "Which is the best way to ask about suicide?",
                            "kind": "single",
                            "explanation": "A direct question gives permission to talk honestly.",
                            "choices": [
                                (
                                    '"Are you thinking about killing yourself?"',
                                    True,
                                    "Yes. Clear and direct.",
                                ),
                                (
                                    '"You\'re not thinking of doing anything silly, are you?"',
                                    False,
                                    "This invites a no and can feel dismissive.",
                                ),
                                (
                                    "Don't ask; wait for them to bring it up.",
                                    False,
                                    "Many people won't.",
                                ),
                            ],
                        },
                        {
                            "prompt": "Which are warning signs of suicide? Select all that apply.",
                            "kind": "multiple",
                            "explanation": (
                                "Talking about being a burden, giving away possessions and "
                                "increased use are all warning signs."
                            ),
                            "choices": [
                                ("Talking about being a burden.", True, "Correct."),
                                ("Giving away possessions.", True, "Correct."),
                                ("Increased alcohol or drug use.", True, "Correct."),
                                (
                                    "Making plans for next summer.",
                                    False,
                                    "Future plans can be a protective sign.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "Temporarily storing firearms away from home during a crisis "
                                "can save lives."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Time and distance from lethal means save lives, and most "
                                "suicide deaths in Montana involve firearms."
                            ),
                            "choices": [
                                ("True", True, "Correct."),
                                (
                                    "False",
                                    False,
                                    "Not quite. Reducing access to lethal means is proven to help.",
                                ),
                            ],
                        },
                        {
                            "prompt": (
                                "The 988 Suicide and Crisis Lifeline can be reached by call or "
                                "text."
                            ),
                            "kind": "true_false",
                            "explanation": "People can call or text 988 at any time.",
                            "choices": [
                                ("True", True, "Correct."),
                                ("False", False, "Not quite. Both calling and texting work."),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
    {
        "code": "CE-PEDOD-101",
        "title": "Preventing and Responding to Pediatric Overdose",
        "track": "ce-electives",
        "summary": (
            "How young children are exposed to medicines and drugs at home, how to store them "
            "safely, and how to respond if a child may have swallowed something."
        ),
        "audience": "Peer supporters and recovery doulas supporting families with young children.",
        "delivery": "online",
        "required_contact_hours": 1,
        "ce_hours": 1,
        "ce_category": "overdose-response",
        "estimated_hours": 1,
        "sequential": False,
        "modules": [
            {
                "title": "Preventing and Responding to Pediatric Overdose",
                "summary": (
                    "How young children are exposed to medicines and drugs at home, how to "
                    "store them safely, and how to respond if a child may have swallowed "
                    "something."
                ),
                "lessons": [
                    {
                        "title": "Safe storage and emergency response",
                        "estimated_minutes": 60,
                        "body": [
                            ("heading", "Small bodies, big risks"),
                            (
                                "paragraph",
                                (
                                    "<p>Young children explore with their mouths, and they can "
                                    "find medicines and drugs anywhere: in a purse, on a "
                                    "nightstand or on the floor. A dose that is safe for an adult "
                                    "can be deadly for a toddler. Even one buprenorphine film or "
                                    "tablet, one methadone dose, or a small amount of fentanyl can "
                                    "cause a child to stop breathing. Cannabis edibles look like "
                                    "sweets and can make a child very sleepy, unsteady or have "
                                    "trouble breathing. Talking about this with families is about "
                                    "safety, not blame: accidents happen in every kind of home.</p>"
                                ),
                            ),
                            (
                                "paragraph",
                                (
                                    "<p>Safe storage tips to share:</p><ul><li>Keep all medicines "
                                    "and substances locked up, ideally in a lockbox, and out of "
                                    "sight and reach.</li><li>Keep medicines in their original "
                                    "child-resistant containers, closed tightly after each "
                                    "use.</li><li>Never leave medicine in bags, pockets or on "
                                    "tables.</li><li>Ask visitors, including grandparents, to keep "
                                    "bags out of reach.</li><li>Get rid of unused medicines "
                                    "through a take-back site or disposal bag.</li><li>Keep "
                                    "naloxone in the home and make sure caregivers know where it "
                                    "is.</li></ul>"
                                ),
                            ),
                            ("heading", "If a child may have swallowed something"),
                            (
                                "paragraph",
                                (
                                    "<p>If the child is unresponsive, not breathing or breathing "
                                    "very slowly, call 911 immediately. Naloxone is safe for "
                                    "children; if an opioid may be involved, give it the same way "
                                    "as for an adult and support breathing until help arrives. If "
                                    "the child seems fine but may have swallowed something, call "
                                    "Poison Help at 1-800-222-1222 right away, before symptoms "
                                    "appear. Have the container with you. Do not make the child "
                                    "vomit.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "caution",
                                    "text": (
                                        "Signs of opioid poisoning in a child can be delayed, "
                                        "especially with long-acting medicines. A child who "
                                        "seems fine may still need to be checked."
                                    ),
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "reflection",
                                    "text": (
                                        "How could you bring up safe storage with a parent in "
                                        "recovery in a way that feels supportive rather than "
                                        "suspicious?"
                                    ),
                                },
                            ),
                            (
                                "key_points",
                                [
                                    "One adult dose of some medicines can kill a small child.",
                                    "Lock it up, keep original containers, and dispose of extras.",
                                    (
                                        "Naloxone is safe for children; call 911 for breathing "
                                        "problems."
                                    ),
                                    "Poison Help: 1-800-222-1222.",
                                ],
                            ),
                        ],
                    },
                ],
                "quiz": {
                    "title": "Pediatric overdose check-in",
                    "pass_mark_percent": 75,
                    "questions": [
                        {
                            "prompt": (
                                "Naloxone is safe to give to a child who may have swallowed an "
                                "opioid."
                            ),
                            "kind": "true_false",
                            "explanation": (
                                "Naloxone is safe for children. Call 911 and support breathing too."
                            ),
                            "choices": [
                                ("True", True, "Correct."),
                                ("False", False, "Not quite. Naloxone is safe for children."),
                            ],
                        },
                        {
                            "prompt": (
                                "A toddler may have chewed a buprenorphine film but seems "
                                "fine. What do you do?"
                            ),
                            "kind": "single",
                            "explanation": (
                                "Call Poison Help right away; symptoms can be delayed. Call "
                                "911 if breathing is affected."
                            ),
                            "choices": [
                                (
                                    "Call Poison Help at 1-800-222-1222 right away.",
                                    True,
                                    "Yes. Don't wait for symptoms.",
                                ),
                                (
                                    "Wait and see if symptoms appear.",
                                    False,
                                    "Symptoms can be delayed and severe.",
                                ),
                                ("Make the child vomit.", False, "Do not make a child vomit."),
                            ],
                        },
                        {
                            "prompt": "Which are safe storage practices? Select all that apply.",
                            "kind": "multiple",
                            "explanation": (
                                "Locking medicines up, keeping original containers and safe "
                                "disposal all help."
                            ),
                            "choices": [
                                ("A lockbox for all medicines.", True, "Correct."),
                                (
                                    "Keeping medicines in a handbag on the floor.",
                                    False,
                                    "Children can reach it.",
                                ),
                                ("Using take-back sites for unused medicines.", True, "Correct."),
                            ],
                        },
                    ],
                },
            },
        ],
        "sessions": [],
    },
]
