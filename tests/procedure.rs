//! The vote: the Alingsås § 217 procedure as it happened, what-if cases, and
//! bad input.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use amend::case::{BodyKind, Case};
use amend::minutes::minutes;
use amend::procedure::{
    decide, default_order, Ballot, Choice, Counts, FormalKind, FormalMotion, Proposition,
    Reservation, RollCall, Round, Status,
};
use amend::render::{plain_text, Lang};

const CASE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");
const SEED: &str = include_str!("../examples/alingsas-ks-2023-217/protokoll-ks-2023-217.txt");

fn example() -> Case {
    Case::from_json(CASE).expect("the example case reads")
}

/// Joins hard line breaks: every run of white space becomes one space.
fn joined(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed's text between a heading line and the next of `ends`.
fn seed_section(title: &str, ends: &[&str]) -> String {
    let lines: Vec<&str> = SEED.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == title)
        .unwrap_or_else(|| panic!("no {title} in the seed"))
        + 1;
    let end = lines[start..]
        .iter()
        .position(|l| ends.contains(&l.trim()))
        .map_or(lines.len(), |i| start + i);
    joined(&lines[start..end].join("\n"))
}

fn prop(alternatives: &[&str], found: Option<&str>) -> Proposition {
    Proposition {
        alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
        found: found.map(str::to_string),
        roll_call: None,
    }
}

/// The example with a board of 15 members (see `common`).
fn with_board() -> Case {
    common::example_with_board()
}

fn ballots(ja: &[&str], nej: &[&str], avstar: &[&str]) -> Vec<Ballot> {
    let mut out = Vec::new();
    for (ids, vote) in [
        (ja, Choice::Ja),
        (nej, Choice::Nej),
        (avstar, Choice::Avstar),
    ] {
        out.extend(ids.iter().map(|m| Ballot {
            member: m.to_string(),
            vote,
        }));
    }
    out
}

#[test]
fn seed_recorded_as_it_happened() {
    let c = example();
    let d = decide(&c).expect("the seed's procedure is valid");
    assert!(
        d.adopted.is_empty(),
        "everything was rejected: {:?}",
        d.adopted
    );
    for id in ["mp1", "mp2", "v1", "v2", "mp-tillagg", "c-tillagg"] {
        assert_eq!(d.status(id).unwrap().status, Status::Rejected, "{id}");
    }
    // the chair's unusual grouping is allowed, with a warning
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("mp1 and v1 concern different passages")),
        "{:?}",
        d.warnings
    );
    assert!(d
        .warnings
        .iter()
        .any(|w| w.contains("mp2 and v1 are identical but put in different propositions")));

    let m = minutes(&c, &d, Lang::Sv);
    let next = ["Beslutsgång", "Beslut", "Reservation", "Expedieras till"];
    assert_eq!(
        joined(m.section("Förslag till beslut på sammanträdet").unwrap()),
        seed_section("Förslag till beslut på sammanträdet", &next)
    );
    assert_eq!(
        joined(m.section("Beslutsgång").unwrap()),
        seed_section("Beslutsgång", &next)
    );
    assert_eq!(
        joined(m.section("Beslut").unwrap()),
        seed_section("Beslut", &next)
    );
    assert_eq!(
        joined(m.section("Reservation").unwrap()),
        seed_section("Reservation", &next)
    );

    // the adopted plan is the original
    let (doc, applied) = c.apply(&d.adopted, &[]).unwrap();
    assert_eq!(applied.text, doc.canonical);
}

#[test]
fn default_order_groups_by_passage() {
    let order = default_order(&example()).unwrap();
    let alts: Vec<Vec<String>> = order.iter().map(|p| p.alternatives.clone()).collect();
    assert_eq!(
        alts,
        vec![
            vec!["base".to_string(), "mp2+v1".into()],
            vec!["base".into(), "mp1".into(), "v2".into()],
            vec!["mp-tillagg".into(), "reject".into()],
            vec!["c-tillagg".into(), "reject".into()],
        ]
    );
}

#[test]
fn mp2_and_v1_adopted_as_one_alternative() {
    let mut c = example();
    c.procedure.propositions = vec![
        prop(&["base", "mp2+v1"], Some("mp2+v1")),
        prop(&["base", "mp1", "v2"], Some("base")),
        prop(&["mp-tillagg", "reject"], Some("reject")),
        prop(&["c-tillagg", "reject"], Some("reject")),
    ];
    let d = decide(&c).unwrap();
    assert_eq!(d.adopted, vec!["mp2", "v1"]);
    let (_, applied) = c.apply(&d.adopted, &[]).unwrap();
    let text = plain_text(&applied.text);
    assert!(!text.contains("Nämndbuffertar"), "the section is gone");
    assert!(text.contains("Effektivisera den politiska målstyrningen"));
    let m = minutes(&c, &d, Lang::Sv);
    let procedure = joined(m.section("Beslutsgång").unwrap());
    assert!(procedure.starts_with(
        "Ordföranden ställer arbetsutskottets förslag till beslut mot Amanda Anderssons andra och Emily Munters första ändringsförslag och finner att kommunstyrelsen bifaller Amanda Anderssons andra och Emily Munters första ändringsförslag."
    ), "{procedure}");
    let decision = m.section("Beslut").unwrap();
    assert!(decision.contains(
        "Med bifall till Amanda Anderssons (MP) andra och Emily Munters (V) första ändringsförslag"
    ));
    assert!(decision.contains("– Rubriken ”Nämndbuffertar mot oförutsedda kostnader” tas bort."));
}

#[test]
fn adopting_mp1_makes_v2_fall() {
    let mut c = example();
    c.procedure.propositions = vec![
        prop(&["base", "mp1"], Some("mp1")),
        prop(&["base", "v2"], None),
    ];
    c.procedure.reservations.clear();
    let d = decide(&c).unwrap();
    let v2 = d.status("v2").unwrap();
    assert_eq!(v2.status, Status::Fallen);
    assert_eq!(v2.because.as_deref(), Some("mp1"));
    assert_eq!(
        d.propositions[0].fell,
        vec![("v2".to_string(), "mp1".to_string())]
    );
    assert!(d
        .warnings
        .iter()
        .any(|w| w.contains("v2 in proposition 2 had already fallen")));
    let (_, applied) = c.apply(&d.adopted, &[]).unwrap();
    assert!(!applied
        .text
        .contains("Effektivisera den politiska målstyrningen"));
    // the minutes say it fell, and do not pretend it was put to the meeting
    c.procedure.propositions[1].found = Some("base".into());
    let d = decide(&c).unwrap();
    assert!(d.propositions[1].moot);
    let m = minutes(&c, &d, Lang::Sv);
    assert_eq!(
        joined(m.section("Beslutsgång").unwrap()),
        "Ordföranden ställer arbetsutskottets förslag till beslut mot Amanda Anderssons första ändringsförslag och finner att kommunstyrelsen bifaller Amanda Anderssons första ändringsförslag. Därmed faller Emily Munters andra ändringsförslag."
    );
    assert!(m.section("Beslut").unwrap().contains(
        "\n\nMed bifall till Amanda Anderssons (MP) första ändringsförslag görs följande ändring i arbetsutskottets förslag till beslut:\n– Rubriken ”Effektivisera den politiska målstyrningen” tas bort."
    ));
    c.procedure.propositions[1].found = None;

    // and it cannot be adopted afterwards
    c.procedure.propositions[1].found = Some("v2".into());
    let err = decide(&c).unwrap_err().to_string();
    assert!(
        err.contains("v2 cannot be adopted, it fell when mp1 was adopted"),
        "{err}"
    );
}

#[test]
fn tie_is_decided_by_the_casting_vote() {
    let mut c = with_board();
    let ja = ["m1", "m2", "m3", "kd", "l1", "sd1", "sd2"];
    let nej = ["s1", "s2", "s3", "s4", "aa", "em", "hha"];
    c.procedure.propositions = vec![
        prop(&["base", "mp2+v1"], Some("base")),
        Proposition {
            alternatives: vec!["base".into(), "v2".into()],
            found: Some("base".into()),
            roll_call: Some(RollCall {
                demanded_by: vec!["em".into()],
                preliminary: vec![],
                main: Round {
                    ballots: ballots(&ja, &nej, &["ap"]),
                    casting_vote: Some(Choice::Nej),
                    ..Round::default()
                },
            }),
        },
    ];
    c.procedure.reservations = vec![];
    let d = decide(&c).unwrap();
    let t = d.propositions[1].main_vote.as_ref().unwrap();
    assert_eq!(
        t.counts,
        Counts {
            ja: 7,
            nej: 7,
            avstar: 1
        }
    );
    assert!(t.casting);
    assert_eq!(d.propositions[1].winner.as_deref(), Some("v2"));
    assert_eq!(d.status("v2").unwrap().status, Status::Adopted);
    let m = minutes(&c, &d, Lang::Sv);
    let procedure = joined(m.section("Beslutsgång").unwrap());
    assert!(procedure.contains(
        "Omröstning begärs av Emily Munter (V). Kommunstyrelsen godkänner följande propositionsordning: Ja-röst för bifall till arbetsutskottets förslag till beslut. Nej-röst för bifall till Emily Munters andra ändringsförslag. Med 7 ja-röster mot 7 nej-röster och 1 som avstår beslutar kommunstyrelsen med ordförandens utslagsröst att bifalla Emily Munters andra ändringsförslag. Omröstningsresultatet framgår av voteringslista 1."
    ), "{procedure}");
    let list = m
        .section("Bilaga: voteringslista 1")
        .expect("a voteringslista");
    assert!(list.contains("Emily Munter"));
    let em_line = list
        .lines()
        .find(|l| l.starts_with("Emily Munter"))
        .unwrap();
    assert!(em_line.contains('V') && em_line.trim_end().ends_with('X'));
    assert!(
        list.lines()
            .last()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            == ["Summa", "7", "7", "1"]
    );

    // without the casting vote the tie is an error
    if let Some(rc) = c.procedure.propositions[1].roll_call.as_mut() {
        rc.main.casting_vote = None;
    }
    let err = decide(&c).unwrap_err().to_string();
    assert!(
        err.contains("tied 7–7") && err.contains("casting vote"),
        "{err}"
    );
}

#[test]
fn three_alternatives_go_through_a_kontraproposition() {
    let mut c = with_board();
    c.procedure.propositions = vec![Proposition {
        alternatives: vec!["base".into(), "mp1".into(), "v2".into()],
        found: Some("base".into()),
        roll_call: Some(RollCall {
            demanded_by: vec![],
            preliminary: vec![Round {
                ja: Some("mp1".into()),
                nej: Some("v2".into()),
                counts: Some(Counts {
                    ja: 3,
                    nej: 5,
                    avstar: 7,
                }),
                ..Round::default()
            }],
            main: Round {
                counts: Some(Counts {
                    ja: 8,
                    nej: 5,
                    avstar: 2,
                }),
                ..Round::default()
            },
        }),
    }];
    c.procedure.reservations = vec![];
    let d = decide(&c).unwrap();
    let r = &d.propositions[0];
    assert_eq!(r.preliminary.len(), 1);
    assert_eq!(
        r.main_vote.as_ref().unwrap().nej,
        "v2",
        "v2 won the preliminary vote and is the counter-proposal"
    );
    assert_eq!(r.winner.as_deref(), Some("base"));
    let m = minutes(&c, &d, Lang::Sv);
    let procedure = joined(m.section("Beslutsgång").unwrap());
    assert!(procedure
        .contains("Ordföranden finner att arbetsutskottets förslag till beslut är huvudförslag."));
    assert!(procedure.contains("Med 3 ja-röster mot 5 nej-röster och 7 som avstår beslutar kommunstyrelsen att utse Emily Munters andra ändringsförslag till motförslag."), "{procedure}");
    assert!(procedure.contains("Med 8 ja-röster mot 5 nej-röster och 2 som avstår beslutar kommunstyrelsen att bifalla arbetsutskottets förslag till beslut."));

    // a main vote that names another counter-proposal is an error
    if let Some(rc) = c.procedure.propositions[0].roll_call.as_mut() {
        rc.main.nej = Some("mp1".into());
    }
    assert!(decide(&c)
        .unwrap_err()
        .to_string()
        .contains("counter-proposal ”v2”"));
}

#[test]
fn an_adopted_addition_appears_under_its_heading() {
    let mut c = example();
    c.procedure.propositions = vec![prop(&["mp-tillagg", "reject"], Some("mp-tillagg"))];
    c.procedure.reservations.clear();
    let d = decide(&c).unwrap();
    assert_eq!(d.adopted, vec!["mp-tillagg"]);
    let (doc, applied) = c.apply(&d.adopted, &[]).unwrap();
    let after =
        amend::doc::Document::parse(&applied.text, amend::doc::SourceFormat::Markdown).unwrap();
    let h = after.find_headings("Genomlysningar och metod för ständiga förbättringar")[0];
    let section = after.section_blocks(h);
    let body: String = after.blocks[section]
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(body.ends_with(
        "Genomlysningar och metod för ständiga förbättringar innebär inte att färre personer ska göra mer, utan att förvaltningarna inte ska dubbelarbeta."
    ));
    assert_eq!(
        after.blocks.len(),
        doc.blocks.len(),
        "a sentence, not a new paragraph"
    );
    let m = minutes(&c, &d, Lang::Sv);
    assert!(m
        .section("Beslutsgång")
        .unwrap()
        .contains("finner att kommunstyrelsen bifaller Amanda Anderssons tilläggsförslag."));
}

#[test]
fn a_third_of_fullmaktige_can_send_the_matter_back() {
    let mut c = with_board();
    c.meeting.body = "kommunfullmäktige".into();
    c.meeting.body_kind = BodyKind::Fullmaktige;
    c.procedure.present_count = Some(31);
    c.procedure.formal = vec![FormalMotion {
        id: "ater".into(),
        kind: FormalKind::Remit,
        proposer: "em".into(),
        reason: "Konsekvenserna för förskolorna på landsbygden behöver utredas.".into(),
        supporters: vec![],
        withdrawn: false,
    }];
    c.procedure.propositions = vec![
        Proposition {
            alternatives: vec!["decide".into(), "ater".into()],
            found: Some("decide".into()),
            roll_call: Some(RollCall {
                demanded_by: vec![],
                preliminary: vec![],
                main: Round {
                    counts: Some(Counts {
                        ja: 20,
                        nej: 11,
                        avstar: 0,
                    }),
                    ..Round::default()
                },
            }),
        },
        prop(&["base", "mp2+v1"], None),
    ];
    c.procedure.reservations.clear();
    let d = decide(&c).unwrap();
    assert!(
        d.propositions[0].minority_remit,
        "11 of 31 is at least a third"
    );
    assert_eq!(d.ended_by.as_deref(), Some("ater"));
    let m = minutes(&c, &d, Lang::Sv);
    assert!(m.section("Beslutsgång").unwrap().contains("Då minst en tredjedel av de närvarande ledamöterna röstat för återremiss återremitteras ärendet"));
    assert_eq!(
        m.section("Beslut").unwrap(),
        "Ärendet återremitteras med följande motivering: Konsekvenserna för förskolorna på landsbygden behöver utredas."
    );

    // 10 of 31 is not enough
    if let Some(rc) = c.procedure.propositions[0].roll_call.as_mut() {
        rc.main.counts = Some(Counts {
            ja: 21,
            nej: 10,
            avstar: 0,
        });
    }
    let d = decide(&c).unwrap();
    assert!(!d.propositions[0].minority_remit);
    assert_eq!(d.ended_by, None);

    // in kommunstyrelsen there is no minority återremiss
    c.meeting.body_kind = BodyKind::Kommunstyrelse;
    if let Some(rc) = c.procedure.propositions[0].roll_call.as_mut() {
        rc.main.counts = Some(Counts {
            ja: 14,
            nej: 1,
            avstar: 0,
        });
    }
    c.procedure.present_count = None;
    assert!(!decide(&c).unwrap().propositions[0].minority_remit);
}

#[test]
fn withdrawn_proposals_leave_procedure_and_minutes() {
    let mut c = example();
    c.amendments
        .iter_mut()
        .find(|a| a.id == "v2")
        .unwrap()
        .withdrawn = true;
    let d = decide(&c).unwrap();
    assert_eq!(d.status("v2").unwrap().status, Status::Withdrawn);
    assert!(d
        .warnings
        .iter()
        .any(|w| w.contains("v2 is withdrawn and leaves proposition 3")));
    let m = minutes(&c, &d, Lang::Sv).to_text();
    assert!(!m.contains("Emily Munters andra"), "{m}");
    assert!(m.contains(
        "Emily Munter (V) föreslår följande ändring i arbetsutskottets förslag till beslut:"
    ));
    assert_eq!(
        default_order(&c).unwrap().len(),
        4,
        "v2 leaves the default order too"
    );
}

#[test]
fn english_minutes() {
    let c = example();
    let d = decide(&c).unwrap();
    let m = minutes(&c, &d, Lang::En);
    let p = joined(m.section("Decision procedure").unwrap());
    assert!(p.starts_with("The chair puts the working committee's proposal against Amanda Andersson's first amendment and Emily Munter's first amendment and finds that the municipal executive board approves the working committee's proposal."), "{p}");
    assert!(p.contains("The chair puts Amanda Andersson's addition against rejection and finds that the municipal executive board rejects Amanda Andersson's addition."));
    assert!(m
        .section("Reservations")
        .unwrap()
        .contains("Amanda Andersson (MP) enters a reservation in favour of their own proposal."));
}

#[test]
fn case_file_round_trips_the_procedure() {
    let mut c = with_board();
    c.procedure.propositions[2].roll_call = Some(RollCall {
        demanded_by: vec!["em".into()],
        preliminary: vec![],
        main: Round {
            ballots: ballots(&["m1", "m2"], &["em"], &["aa"]),
            ..Round::default()
        },
    });
    c.procedure.reservations = vec![Reservation {
        member: "em".into(),
        in_favour_of: vec![],
        written: true,
        ..Default::default()
    }];
    let again = Case::from_json(&c.to_json()).unwrap();
    assert_eq!(again, c);
    assert_eq!(decide(&again).unwrap(), decide(&c).unwrap());
}

// ---- bad input ----

fn err_of(c: &Case) -> String {
    decide(c).expect_err("must be an error").to_string()
}

#[test]
fn unknown_proposal_in_a_proposition() {
    let mut c = example();
    c.procedure.propositions[1] = prop(&["base", "mp9"], Some("base"));
    let e = err_of(&c);
    assert!(
        e.contains("proposition 2 names ”mp9”, which is no proposal")
            && e.contains("mp1, mp2, v1, v2"),
        "{e}"
    );
}

#[test]
fn vote_count_exceeding_members_present() {
    let mut c = example();
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            counts: Some(Counts {
                ja: 9,
                nej: 6,
                avstar: 1,
            }),
            ..Round::default()
        },
        ..RollCall::default()
    });
    let e = err_of(&c);
    assert!(
        e.contains("16 votes") && e.contains("only 15 members present"),
        "{e}"
    );
}

#[test]
fn vote_counts_too_large_to_add_up_are_an_error_not_a_wrap_around() {
    let mut c = example();
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            counts: Some(Counts {
                ja: 1,
                nej: u32::MAX,
                avstar: 0,
            }),
            ..Round::default()
        },
        ..RollCall::default()
    });
    let e = err_of(&c);
    assert!(
        e.contains("too large to add up") && e.contains("4294967295 nej"),
        "{e}"
    );
}

#[test]
fn same_proposal_twice_among_alternatives() {
    let mut c = example();
    c.procedure.propositions[1] = prop(&["base", "mp2", "mp2"], Some("base"));
    assert!(err_of(&c).contains("”mp2” stands twice among the alternatives"));
    // identical proposals as two alternatives
    c.procedure.propositions[1] = prop(&["base", "mp2", "v1"], Some("base"));
    c.procedure.propositions[0] = prop(&["base", "mp1"], Some("base"));
    assert!(err_of(&c).contains(
        "mp2 and v1 are the same proposal (identical); put them as one alternative, ”mp2+v1”"
    ));
    // joining proposals that are not identical
    c.procedure.propositions[1] = prop(&["base", "mp1+v2"], Some("base"));
    assert!(
        err_of(&c).contains("mp1 and v2 are joined as one alternative, but they are not identical")
    );
}

#[test]
fn reservation_by_a_member_who_abstained() {
    let mut c = with_board();
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            ballots: ballots(
                &["m1", "m2", "m3", "s1", "s2", "s3", "s4", "kd"],
                &["l1", "sd1", "sd2", "ap", "aa"],
                &["em", "hha"],
            ),
            ..Round::default()
        },
        ..RollCall::default()
    });
    let e = err_of(&c);
    assert!(
        e.contains("Emily Munter (V) abstained in the vote on proposition 3 and so cannot reserve"),
        "{e}"
    );
}

#[test]
fn ballots_from_absent_or_unknown_members() {
    let mut c = with_board();
    c.procedure.absent = vec!["ap".into()];
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            ballots: ballots(&["m1", "ap"], &["em"], &[]),
            ..Round::default()
        },
        ..RollCall::default()
    });
    assert!(err_of(&c).contains("ap is absent and cannot vote"));
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            ballots: ballots(&["m1", "zz"], &["em"], &[]),
            ..Round::default()
        },
        ..RollCall::default()
    });
    assert!(err_of(&c).contains("”zz” is not a member"));
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            ballots: ballots(&["m1", "m1"], &["em"], &[]),
            ..Round::default()
        },
        ..RollCall::default()
    });
    assert!(err_of(&c).contains("m1 votes twice"));
}

#[test]
fn reordering_is_allowed_with_a_warning() {
    let mut c = example();
    c.procedure.propositions.swap(0, 3);
    let d = decide(&c).unwrap();
    assert!(
        d.warnings
            .iter()
            .any(|w| w
                .contains("proposition 1 (an addition) comes before proposition 2 (amendments)")),
        "{:?}",
        d.warnings
    );
    assert!(d.adopted.is_empty());
}

#[test]
fn finding_must_be_an_alternative() {
    let mut c = example();
    c.procedure.propositions[0].found = Some("v2".into());
    assert!(err_of(&c).contains("the chair's finding ”v2” is not one of its alternatives"));
}

#[test]
fn a_withdrawn_amendment_cannot_be_adopted() {
    let mut c = example();
    c.amendments
        .iter_mut()
        .find(|a| a.id == "v2")
        .unwrap()
        .withdrawn = true;
    let e = c.apply(&["v2".to_string()], &[]).unwrap_err().to_string();
    assert!(e.contains("amendment v2 is withdrawn"), "{e}");
}

#[test]
fn one_vote_is_a_vote_in_the_singular() {
    let mut c = with_board();
    c.procedure.propositions = vec![Proposition {
        alternatives: vec!["base".into(), "v2".into()],
        found: Some("base".into()),
        roll_call: Some(RollCall {
            demanded_by: vec![],
            preliminary: vec![],
            main: Round {
                counts: Some(Counts {
                    ja: 1,
                    nej: 1,
                    avstar: 1,
                }),
                casting_vote: Some(amend::procedure::Choice::Ja),
                ..Round::default()
            },
        }),
    }];
    c.procedure.reservations = vec![];
    c.procedure.present_count = None;
    c.procedure.absent = c.members.iter().skip(3).map(|m| m.id.clone()).collect();
    let d = decide(&c).unwrap();
    let sv = joined(minutes(&c, &d, Lang::Sv).section("Beslutsgång").unwrap());
    assert!(
        sv.contains("Med 1 ja-röst mot 1 nej-röst och 1 som avstår beslutar"),
        "{sv}"
    );
    let en = joined(
        minutes(&c, &d, Lang::En)
            .section("Decision procedure")
            .unwrap(),
    );
    assert!(
        en.contains("With 1 vote in favour to 1 against and 1 abstention,"),
        "{en}"
    );
}
