//! Reporting a recorded vote while it is being entered: where a problem is,
//! what was decided before it, warnings by proposition, and the minutes as
//! a table and a text file.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::case::{Case, Member};
use amend::minutes::{minutes, minutes_text};
use amend::procedure::{
    decide, problem_code, report, Ballot, Choice, Counts, Proposition, Reservation, RollCall,
    Round, Status,
};
use amend::render::Lang;

const CASE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");

fn example() -> Case {
    Case::from_json(CASE).expect("the example case reads")
}

fn prop(alternatives: &[&str], found: Option<&str>) -> Proposition {
    Proposition {
        alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
        found: found.map(str::to_string),
        roll_call: None,
    }
}

fn counts(ja: u32, nej: u32, avstar: u32) -> Option<RollCall> {
    Some(RollCall {
        main: Round {
            counts: Some(Counts { ja, nej, avstar }),
            ..Round::default()
        },
        ..RollCall::default()
    })
}

fn run(c: &Case) -> amend::procedure::Report {
    report(c, &c.analyze().unwrap())
}

#[test]
fn the_seed_has_no_problem_and_its_warnings_name_their_propositions() {
    let c = example();
    let r = run(&c);
    assert_eq!(r.problem, None);
    let d = r.decision.expect("decided");
    assert_eq!(d, decide(&c).unwrap());
    assert_eq!(d.notices.len(), d.warnings.len());
    let apart = d
        .notices
        .iter()
        .find(|n| n.code == "different_passages")
        .unwrap();
    assert_eq!(apart.propositions, vec![0]);
    assert_eq!(apart.ids, vec!["mp1", "v1"]);
    let separate = d
        .notices
        .iter()
        .find(|n| n.code == "identical_separate")
        .unwrap();
    assert_eq!(separate.propositions, vec![0, 1]);
    let mut ids = separate.ids.clone();
    ids.sort();
    assert_eq!(ids, vec!["mp2", "v1"]);
    for (n, w) in d.notices.iter().zip(&d.warnings) {
        assert_eq!(&n.message, w);
    }
}

#[test]
fn an_order_out_of_the_usual_is_a_notice_on_both_propositions() {
    let mut c = example();
    c.procedure.propositions.swap(0, 3);
    let d = run(&c).decision.unwrap();
    let order = d.notices.iter().find(|n| n.code == "order").unwrap();
    assert_eq!(order.propositions, vec![0, 1]);
}

#[test]
fn too_many_votes_is_placed_at_its_proposition_with_what_came_before() {
    let mut c = example();
    c.procedure.propositions = vec![
        prop(&["base", "mp2+v1"], Some("mp2+v1")),
        prop(&["base", "mp1", "v2"], Some("base")),
        prop(&["mp-tillagg", "reject"], Some("reject")),
    ];
    c.procedure.propositions[2].roll_call = counts(9, 6, 1);
    let r = run(&c);
    let p = r.problem.expect("a problem");
    assert_eq!(p.code, "too_many_votes");
    assert_eq!(p.proposition, Some(2));
    assert_eq!(p.reservation, None);
    assert!(
        p.message.contains("only 15 members present"),
        "{}",
        p.message
    );
    let d = r.decision.expect("the decisions before it");
    assert_eq!(d.propositions.len(), 2);
    assert_eq!(d.adopted, vec!["mp2", "v1"]);
    assert_eq!(d.status("mp1").unwrap().status, Status::Rejected);
    assert_eq!(d.status("mp-tillagg").unwrap().status, Status::Open);
}

#[test]
fn a_tie_without_the_casting_vote() {
    let mut c = example();
    c.procedure.propositions[1].roll_call = counts(7, 7, 1);
    let p = run(&c).problem.unwrap();
    assert_eq!((p.code, p.proposition), ("tie", Some(1)));
    // the error carries its kind, whatever its text says
    let e = decide(&c).unwrap_err();
    assert!(
        matches!(e, amend::Error::Procedure { code: "tie", .. }),
        "{e:?}"
    );
    assert_eq!(e.code(), "tie");
    c.procedure.propositions[1]
        .roll_call
        .as_mut()
        .unwrap()
        .main
        .casting_vote = Some(Choice::Nej);
    let r = run(&c);
    assert_eq!(r.problem, None);
    assert_eq!(r.decision.unwrap().adopted, vec!["mp2"]);
}

fn with_members(c: &mut Case, ids: &[(&str, &str)]) {
    for (id, party) in ids {
        c.members.push(Member {
            id: id.to_string(),
            name: format!("Ledamot {id}"),
            party: party.to_string(),
            substitute: false,
        });
    }
    c.procedure.present_count = None;
}

#[test]
fn a_reservation_by_a_member_who_abstained_is_placed_at_the_reservation() {
    let mut c = example();
    with_members(&mut c, &[("x1", "M"), ("x2", "S")]);
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            ballots: vec![
                Ballot {
                    member: "x1".into(),
                    vote: Choice::Ja,
                },
                Ballot {
                    member: "x2".into(),
                    vote: Choice::Ja,
                },
                Ballot {
                    member: "em".into(),
                    vote: Choice::Avstar,
                },
            ],
            ..Round::default()
        },
        ..RollCall::default()
    });
    c.procedure.reservations.push(Reservation {
        member: "hha".into(),
        in_favour_of: vec!["mp2".into()],
        written: true,
        ..Default::default()
    });
    // aa, em, hha: em abstained on V 2, which is her own proposal
    let r = run(&c);
    let p = r.problem.unwrap();
    assert_eq!(p.code, "abstained_reservation");
    assert_eq!((p.proposition, p.reservation), (None, Some(1)));
    let d = r.decision.unwrap();
    assert_eq!(d.propositions.len(), 5, "every proposition was decided");
}

#[test]
fn a_problem_before_the_propositions_leaves_nothing_decided() {
    let mut c = example();
    c.procedure.absent = vec!["nobody".into()];
    let r = run(&c);
    assert_eq!(r.decision, None);
    let p = r.problem.unwrap();
    assert_eq!(
        (p.code, p.proposition, p.reservation),
        ("unknown_member", None, None)
    );
}

#[test]
fn codes_of_the_procedures_errors() {
    let code = |c: &Case| {
        let p = run(c).problem.expect("a problem");
        (p.code, p.proposition)
    };
    let mut c = example();
    c.procedure.propositions[1] = prop(&["base", "mp9"], Some("base"));
    assert_eq!(code(&c), ("unknown_proposal", Some(1)));
    c.procedure.propositions[1] = prop(&["base", "mp2", "mp2"], Some("base"));
    assert_eq!(code(&c), ("twice", Some(1)));
    c.procedure.propositions[1] = prop(&["base", "mp1+v2"], Some("base"));
    assert_eq!(code(&c), ("not_identical", Some(1)));
    c.procedure.propositions[1] = prop(&["base", "mp2"], Some("v2"));
    assert_eq!(code(&c), ("finding_not_alternative", Some(1)));
    let mut c = example();
    c.procedure.propositions = vec![
        prop(&["base", "mp1", "v1"], Some("base")),
        prop(&["base", "mp2", "v1"], Some("base")),
    ];
    assert_eq!(code(&c), ("identical_separate", Some(1)));
    let mut c = example();
    c.procedure.propositions = vec![
        prop(&["base", "mp1"], Some("mp1")),
        prop(&["base", "v2"], Some("v2")),
    ];
    assert_eq!(code(&c), ("fallen_adopted", Some(1)));
    let mut c = example();
    c.procedure.propositions[2] = Proposition {
        alternatives: vec!["base".into(), "v2".into()],
        found: None,
        roll_call: counts(1, 2, 0),
    };
    assert_eq!(code(&c), ("no_finding", Some(2)));
    let mut c = example();
    c.procedure.propositions = vec![Proposition {
        alternatives: vec!["base".into(), "mp1".into(), "v2".into()],
        found: Some("base".into()),
        roll_call: counts(8, 5, 2),
    }];
    c.procedure.reservations.clear();
    assert_eq!(code(&c), ("preliminary_count", Some(0)));
    // any other error keeps its own code
    assert_eq!(
        problem_code(&amend::Error::NotACase),
        amend::Error::NotACase.code()
    );
    assert_eq!(
        problem_code(&amend::Error::Invalid("something else".into())),
        "invalid"
    );
}

#[test]
fn a_voteringslista_as_a_table_and_the_minutes_as_a_file() {
    let mut c = example();
    with_members(&mut c, &[("x1", "M"), ("x2", "S")]);
    c.meeting.date = Some("2023-12-11".into());
    c.procedure.propositions[2].roll_call = Some(RollCall {
        main: Round {
            ballots: vec![
                Ballot {
                    member: "x1".into(),
                    vote: Choice::Ja,
                },
                Ballot {
                    member: "x2".into(),
                    vote: Choice::Nej,
                },
                Ballot {
                    member: "em".into(),
                    vote: Choice::Nej,
                },
            ],
            ..Round::default()
        },
        ..RollCall::default()
    });
    let d = decide(&c).unwrap();
    let m = minutes(&c, &d, Lang::Sv);
    let list = m
        .sections
        .iter()
        .find(|s| s.title == "Bilaga: voteringslista 1")
        .unwrap();
    let table = list.table.as_ref().expect("a table");
    assert_eq!(table.caption, "Voteringslista 1 (proposition 3)");
    assert_eq!(table.head, ["Ledamot", "Parti", "Ja", "Nej", "Avstår"]);
    assert_eq!(table.rows[0], ["Ledamot x1", "M", "X", "", ""]);
    assert_eq!(table.rows[2], ["Emily Munter", "V", "", "X", ""]);
    assert_eq!(table.foot, ["Summa", "", "1", "2", "0"]);
    assert!(list.text.starts_with(&table.caption));
    assert!(m
        .sections
        .iter()
        .filter(|s| !s.title.starts_with("Bilaga"))
        .all(|s| s.table.is_none()));

    let file = minutes_text(&c, &d, Lang::Sv);
    assert!(file.starts_with(
        "§ 217  2023.476 KS\nKommunkoncernövergripande ekonomisk handlingsplan\nKommunstyrelsen, sammanträde 2023-12-11\n\nFörslag till beslut på sammanträdet\n"
    ), "{file}");
    assert!(file.ends_with(&m.to_text()));
    let en = minutes_text(&c, &d, Lang::En);
    assert!(
        en.contains(
            "The municipal executive board, meeting of 2023-12-11\n\nProposals at the meeting\n"
        ),
        "{en}"
    );
    // without a paragraph, number or date: the title alone
    c.meeting = Default::default();
    let file = minutes_text(&c, &d, Lang::Sv);
    assert!(file
        .starts_with("Kommunkoncernövergripande ekonomisk handlingsplan\n\nFörslag till beslut"));
}

#[test]
fn the_case_files_format_is_checked() {
    assert!(Case::check_format(Some("amend/1")).is_ok());
    assert_eq!(Case::check_format(None).unwrap_err().code(), "not_a_case");
    let e = Case::check_format(Some("7")).unwrap_err();
    assert_eq!(e.code(), "format_version");
    assert!(e.to_string().contains("\"format\": \"7\""), "{e}");
    let e = Case::from_json(r#"{"format": 7, "title": "x"}"#).unwrap_err();
    assert_eq!(e.code(), "format_version");
}
