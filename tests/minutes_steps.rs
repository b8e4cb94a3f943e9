//! The procedural steps the seed did not need, recorded in the case file as
//! a secretary would write them, and the house styles of the minutes: each
//! step and each style choice read back as the sentence the minutes print.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::case::Case;
use amend::minutes::{minutes, Minutes};
use amend::procedure::decide;
use amend::render::Lang;
use serde_json::{json, Value};

const CASE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");

/// The example case with `change` applied to its JSON, as a case file.
fn case_with(change: impl FnOnce(&mut Value)) -> Case {
    let mut v: Value = serde_json::from_str(CASE).unwrap();
    change(&mut v);
    Case::from_json(&v.to_string()).expect("the changed case reads")
}

fn minutes_of(c: &Case, lang: Lang) -> Minutes {
    let d = decide(c).unwrap_or_else(|e| panic!("{e}"));
    minutes(c, &d, lang)
}

fn section(m: &Minutes, title: &str) -> String {
    let text = m
        .section(title)
        .unwrap_or_else(|| panic!("no section {title} in {}", m.to_text()));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Proposition 2 of the example (the section Nämndbuffertar) decided by a
/// roll call of 7–7 with one abstaining, the chair's casting vote for the
/// amendments.
fn tied_roll_call(v: &mut Value) {
    v["procedure"]["propositions"][0] = json!({"alternatives": ["base", "mp1"], "found": "base"});
    v["procedure"]["propositions"][1] = json!({
        "alternatives": ["base", "mp2+v1"], "found": "base",
        "roll_call": {"demanded_by": ["aa", "em"], "main": {
            "counts": {"ja": 7, "nej": 7, "avstar": 1}, "casting_vote": "nej"}}
    });
}

#[test]
fn the_chair_states_the_proposals_and_the_body_approves_the_order() {
    let c = case_with(|v| {
        v["procedure"]["statement"] = json!(true);
        v["procedure"]["order_approved"] = json!(true);
    });
    let m = minutes_of(&c, Lang::Sv);
    let paras: Vec<&str> = m.section("Beslutsgång").unwrap().split("\n\n").collect();
    assert_eq!(
        paras[0],
        "Ordföranden konstaterar att det finns sju förslag: arbetsutskottets förslag till beslut, \
         Amanda Anderssons (MP) två ändringsförslag, Emily Munters (V) två ändringsförslag, \
         Amanda Anderssons (MP) tilläggsförslag och Heidi Hankanen Ängbergs (C) tilläggsförslag."
    );
    assert_eq!(
        paras[1],
        "Ordföranden föreslår följande propositionsordning: först arbetsutskottets förslag till beslut \
         mot Amanda Anderssons första ändringsförslag och Emily Munters första ändringsförslag, därefter \
         arbetsutskottets förslag till beslut mot Amanda Anderssons andra ändringsförslag, därefter \
         arbetsutskottets förslag till beslut mot Emily Munters andra ändringsförslag, därefter Amanda \
         Anderssons tilläggsförslag mot avslag och sist Heidi Hankanen Ängbergs tilläggsförslag mot avslag. \
         Kommunstyrelsen godkänner ordförandens förslag till propositionsordning."
    );
    // then the propositions, as before
    assert!(paras[2].starts_with("Ordföranden ställer arbetsutskottets förslag"));
    let en = minutes_of(&c, Lang::En);
    assert!(en
        .section("Decision procedure")
        .unwrap()
        .starts_with("The chair notes that there are seven proposals: the working committee's proposal, Amanda Andersson's (MP) two amendments,"));
}

#[test]
fn a_roll_call_names_who_demanded_it_and_the_long_tally_agrees_in_number() {
    let c = case_with(|v| {
        tied_roll_call(v);
        v["style"] = json!({"tally": "long"});
    });
    let text = section(&minutes_of(&c, Lang::Sv), "Beslutsgång");
    assert!(text.contains(
        "Omröstning begärs av Amanda Andersson (MP) och Emily Munter (V). Kommunstyrelsen godkänner följande propositionsordning: \
         Ja-röst för bifall till arbetsutskottets förslag till beslut. Nej-röst för bifall till Amanda Anderssons andra och Emily Munters första ändringsförslag. \
         Omröstningsresultat: Med 7 ja-röster mot 7 nej-röster samt 1 ledamot som avstår från att rösta beslutar kommunstyrelsen \
         med ordförandens utslagsröst att bifalla Amanda Anderssons andra och Emily Munters första ändringsförslag."
    ), "{text}");
    // the short form, the default
    let c = case_with(tied_roll_call);
    let text = section(&minutes_of(&c, Lang::Sv), "Beslutsgång");
    assert!(
        text.contains("Med 7 ja-röster mot 7 nej-röster och 1 som avstår beslutar kommunstyrelsen med ordförandens utslagsröst"),
        "{text}"
    );
}

#[test]
fn support_for_the_base_proposal_and_support_joined_to_a_proposal() {
    let c = case_with(|v| {
        v["base"]["supporters"] =
            json!([{"member": "hha"}, {"member": "em", "reject_others": true}]);
        v["amendments"][0]["supporters"] = json!(["em"]);
        v["amendments"][1]["supporters"] = json!(["em", "hha"]);
    });
    let m = minutes_of(&c, Lang::Sv);
    let paras: Vec<&str> = m.sections[0].text.split("\n\n").collect();
    assert_eq!(
        paras[0],
        "Heidi Hankanen Ängberg (C) föreslår bifall till arbetsutskottets förslag till beslut."
    );
    assert_eq!(
        paras[1],
        "Emily Munter (V) föreslår bifall till arbetsutskottets förslag till beslut samt avslag på övriga förslag."
    );
    // the default: support in sentences of its own
    assert!(m.sections[0]
        .text
        .contains("Emily Munter (V) föreslår att Amanda Anderssons (MP) första och andra ändringsförslag bifalls."));

    let mut joined = c.clone();
    joined.style.support = amend::vote::style::SupportStyle::Joined;
    let m = minutes_of(&joined, Lang::Sv);
    let text = &m.sections[0].text;
    // em supports both of MP's changes: joined to them; hha only the second: a sentence of its own
    assert!(
        text.contains("Amanda Andersson (MP), med instämmande av Emily Munter (V), föreslår följande två ändringar i arbetsutskottets förslag till beslut:"),
        "{text}"
    );
    assert!(
        !text.contains("Emily Munter (V) föreslår att Amanda"),
        "{text}"
    );
    assert!(
        text.contains("Heidi Hankanen Ängberg (C) föreslår att Amanda Anderssons (MP) andra och Emily Munters (V) första ändringsförslag bifalls."),
        "{text}"
    );
}

/// The example with Emily Munter's återremiss first and her second change
/// tabled only for the case that the matter is decided today.
fn remit_and_conditional(v: &mut Value, remit_found: &str) {
    v["procedure"]["formal"] = json!([{"id": "ater", "kind": "remit", "proposer": "em",
        "reason": "Konsekvenserna behöver utredas."}]);
    v["amendments"][3]["conditional"] = json!(true);
    let props = v["procedure"]["propositions"].as_array_mut().unwrap();
    props.insert(
        0,
        json!({"alternatives": ["decide", "ater"], "found": remit_found}),
    );
}

#[test]
fn a_conditional_proposal_enters_only_when_the_matter_is_decided_today() {
    let c = case_with(|v| remit_and_conditional(v, "decide"));
    assert_eq!(c.amendments[3].id, "v2");
    let m = minutes_of(&c, Lang::Sv);
    let proposals = section(&m, "Förslag till beslut på sammanträdet");
    assert!(proposals.contains("Emily Munter (V) föreslår att ärendet återremitteras med följande motivering: Konsekvenserna behöver utredas."));
    assert!(proposals.contains("Emily Munter (V) föreslår följande ändring i arbetsutskottets förslag till beslut: Hela avsnittet"), "{proposals}");
    assert!(proposals.contains("För det fall ärendet ska avgöras idag föreslår Emily Munter (V) följande ändring i arbetsutskottets förslag till beslut: I avsnittet"), "{proposals}");
    assert!(!m.is_draft());

    // sent back: the conditional proposal (and the rest) is not missing
    let c = case_with(|v| remit_and_conditional(v, "ater"));
    let m = minutes_of(&c, Lang::Sv);
    assert!(!m.is_draft(), "{:?}", m.missing);
    assert_eq!(
        m.section("Beslut").unwrap(),
        "Ärendet återremitteras med följande motivering: Konsekvenserna behöver utredas."
    );
}

#[test]
fn a_failed_minority_remit_in_fullmaktige_says_the_matter_is_decided_today() {
    let c = case_with(|v| {
        remit_and_conditional(v, "decide");
        v["meeting"]["body"] = json!("kommunfullmäktige");
        v["meeting"]["body_kind"] = json!("fullmaktige");
        v["procedure"]["present_count"] = json!(31);
        v["procedure"]["propositions"][0]["roll_call"] =
            json!({"main": {"counts": {"ja": 22, "nej": 9, "avstar": 0}}});
        v["style"] = json!({"today": "i_dag"});
    });
    let text = section(&minutes_of(&c, Lang::Sv), "Beslutsgång");
    assert!(text.contains(
        "Med 22 ja-röster mot 9 nej-röster beslutar kommunfullmäktige att ärendet ska avgöras i dag. \
         Då mindre än en tredjedel av de närvarande ledamöterna röstat för återremiss ska ärendet avgöras i dag."
    ), "{text}");
    assert!(
        !text.contains("idag"),
        "the house style writes ”i dag”: {text}"
    );
}

#[test]
fn reservations_against_a_named_decision_by_a_group_written_and_protocol_notes() {
    let c = case_with(|v| {
        v["procedure"]["reservations"] = json!([
            {"member": "aa", "against": ["mp-tillagg"]},
            {"group": "C", "in_favour_of": ["c-tillagg"], "text": "Centerpartiet vill värna landsbygdens skolor."},
            {"member": "em", "against": ["base"], "in_favour_of": ["v2"], "written": true}
        ]);
        v["procedure"]["protocol_notes"] = json!([
            {"member": "hha", "text": "Centerpartiet återkommer i budgeten."}
        ]);
    });
    let m = minutes_of(&c, Lang::Sv);
    assert_eq!(
        m.section("Reservation").unwrap(),
        "Amanda Andersson (MP) reserverar sig mot beslutet att avslå Amanda Anderssons tilläggsförslag.\n\
         Ledamöterna för C reserverar sig till förmån för Heidi Hankanen Ängbergs tilläggsförslag. Skriftlig reservation bifogas protokollet.\n\
         Emily Munter (V) reserverar sig mot beslutet att bifalla arbetsutskottets förslag till beslut till förmån för Emily Munters andra ändringsförslag. Skriftlig reservation bifogas protokollet."
    );
    assert_eq!(
        m.section("Protokollsanteckning").unwrap(),
        "Heidi Hankanen Ängberg (C) lämnar följande protokollsanteckning: Centerpartiet återkommer i budgeten."
    );
    assert_eq!(
        m.section("Bilaga: reservation (Ledamöterna för C)")
            .unwrap(),
        "Centerpartiet vill värna landsbygdens skolor."
    );
    let titles: Vec<&str> = m.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Förslag till beslut på sammanträdet",
            "Beslutsgång",
            "Beslut",
            "Reservation",
            "Protokollsanteckning",
            "Bilaga: reservation (Ledamöterna för C)"
        ]
    );
}

#[test]
fn a_reservation_names_a_member_or_a_group_present() {
    for (reservation, expected) in [
        (
            json!({"group": "KD"}),
            "the group ”KD”, the party of no member present",
        ),
        (
            json!({"member": "aa", "group": "MP"}),
            "names both the member ”aa” and the group ”MP”",
        ),
        (json!({}), "names neither a member nor a group"),
        (
            json!({"member": "aa", "against": ["mp9"]}),
            "names ”mp9”, which is no proposal of this case",
        ),
    ] {
        let c = case_with(|v| v["procedure"]["reservations"] = json!([reservation]));
        let e = decide(&c).unwrap_err().to_string();
        assert!(e.contains(expected), "{e}");
    }
    let c =
        case_with(|v| v["procedure"]["protocol_notes"] = json!([{"member": "xx", "text": "…"}]));
    assert!(decide(&c)
        .unwrap_err()
        .to_string()
        .contains("”xx”, who is not a member"));
}

#[test]
fn house_styles_for_fallen_proposals_and_the_decision() {
    let c = case_with(|v| {
        tied_roll_call(v);
        // adopting mp2+v1 makes nothing fall; adopting mp1 makes v2 fall
        v["procedure"]["propositions"][0]["found"] = json!("mp1");
        v["style"] = json!({"fallen": "has_fallen", "decision": "adopted_with"});
    });
    let m = minutes_of(&c, Lang::Sv);
    let procedure = section(&m, "Beslutsgång");
    assert!(
        procedure.contains("Därmed har Emily Munters andra ändringsförslag fallit."),
        "{procedure}"
    );
    assert_eq!(
        m.section("Beslut").unwrap(),
        "1. Den kommunövergripande handlingsplanen antas med de ändringar som följer av bifallet till Amanda Anderssons (MP) första och andra ändringsförslag samt Emily Munters (V) första ändringsförslag:\n\
         – Rubriken ”Effektivisera den politiska målstyrningen” tas bort.\n\
         – Rubriken ”Nämndbuffertar mot oförutsedda kostnader” tas bort.\n\
         – Hela avsnittet med rubriken Nämndbuffertar mot oförutsedda kostnader på sidan 3 föreslås strykas.\n\
         2. Kommundirektören får i uppdrag att i samverkan med förvaltningar och kommunala bolag verkställa den kommunkoncernövergripande ekonomiska handlingsplanen"
    );
    // the default states the changes after the points
    let mut points = c.clone();
    points.style = Default::default();
    let m = minutes_of(&points, Lang::Sv);
    let decision = m.section("Beslut").unwrap();
    assert!(decision.starts_with("1. Den kommunövergripande handlingsplanen antas.\n"));
    assert!(decision.contains("\n\nMed bifall till Amanda Anderssons (MP) första och andra ändringsförslag samt Emily Munters (V) första ändringsförslag görs följande ändringar i arbetsutskottets förslag till beslut:"), "{decision}");
    assert!(
        section(&m, "Beslutsgång").contains("Därmed faller Emily Munters andra ändringsförslag.")
    );
}

#[test]
fn a_misspelt_style_is_an_error_that_names_it() {
    let e = Case::from_json(&{
        let mut v: Value = serde_json::from_str(CASE).unwrap();
        v["style"] = json!({"tally": "lång"});
        v.to_string()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("unknown variant `lång`, expected `short` or `long`"),
        "{e}"
    );
}

#[test]
fn the_secretary_edits_a_section_and_sees_when_the_case_changes_under_it() {
    let generated = minutes_of(&case_with(|_| {}), Lang::Sv);
    let decision = generated.section("Beslut").unwrap().to_string();
    let edited_text = format!("{decision}\n\nBeslutet skickas till samtliga nämnder.");
    let edit = json!([{"section": "decision", "lang": "sv", "title": "Beslut",
        "text": edited_text, "generated": decision}]);
    let c = case_with(|v| v["minutes_edits"] = edit.clone());
    let m = minutes_of(&c, Lang::Sv);
    let s = m.sections.iter().find(|s| s.key == "decision").unwrap();
    assert_eq!(s.text, edited_text);
    let e = s.edited.as_ref().expect("marked as edited");
    assert!(!e.changed);
    assert_eq!(e.generated, decision);
    assert!(m
        .to_text()
        .contains("Beslutet skickas till samtliga nämnder."));
    // English minutes are not the Swedish edit's
    let en = minutes_of(&c, Lang::En);
    assert!(en.sections.iter().all(|s| s.edited.is_none()));

    // the case changes: the edit stays, and says the generated text moved on
    let changed = case_with(|v| {
        v["minutes_edits"] = edit.clone();
        v["procedure"]["propositions"][1]["found"] = json!("mp2");
    });
    let m = minutes_of(&changed, Lang::Sv);
    let s = m.sections.iter().find(|s| s.key == "decision").unwrap();
    assert_eq!(s.text, edited_text);
    let e = s.edited.as_ref().unwrap();
    assert!(e.changed);
    assert!(
        e.generated
            .contains("Med bifall till Amanda Anderssons (MP) andra ändringsförslag"),
        "{}",
        e.generated
    );

    // an edit of a section no longer generated is kept, at the end
    let gone = case_with(|v| {
        v["minutes_edits"] = json!([{"section": "notes", "title": "Protokollsanteckning", "text": "Min anteckning.", "generated": "…"}]);
    });
    let m = minutes_of(&gone, Lang::Sv);
    let last = m.sections.last().unwrap();
    assert_eq!(
        (last.title.as_str(), last.text.as_str()),
        ("Protokollsanteckning", "Min anteckning.")
    );
    assert!(last.edited.as_ref().unwrap().changed);

    // the round trip keeps the edit
    let again = Case::from_json(&c.to_json()).unwrap();
    assert_eq!(again.minutes_edits, c.minutes_edits);
    let bad = case_with(|v| {
        v["minutes_edits"] = json!([{"section": "decision", "lang": "de", "text": "x"}])
    });
    assert!(decide(&bad)
        .unwrap_err()
        .to_string()
        .contains("is in the language ”de”"));
}

#[test]
fn a_misspelt_field_of_the_new_steps_is_found_and_kept() {
    let mut v: Value = serde_json::from_str(CASE).unwrap();
    v["style"] = json!({"talley": "long"});
    v["procedure"]["protocol_notes"] =
        json!([{"member": "em", "txt": "…", "text": "En anteckning."}]);
    v["base"]["supporters"] = json!([{"member": "aa", "reject_other": true}]);
    let found = amend::fields::unknown(&v);
    let paths: Vec<(&str, Option<&str>)> = found
        .iter()
        .map(|u| (u.path.as_str(), u.did_you_mean))
        .collect();
    assert_eq!(
        paths,
        [
            ("base.supporters[0].reject_other", Some("reject_others")),
            ("procedure.protocol_notes[0].txt", Some("text")),
            ("style.talley", Some("tally")),
        ]
    );
    let (case, kept) = Case::from_json_keeping(&v.to_string()).unwrap();
    let again: Value = serde_json::from_str(&amend::fields::to_json_keeping(&case, &kept)).unwrap();
    assert_eq!(again["style"]["talley"], "long");
    assert_eq!(again["procedure"]["protocol_notes"][0]["txt"], "…");
}

#[test]
fn a_proposition_on_the_base_alone_and_on_the_rest_of_it() {
    let c = case_with(|v| {
        let props = v["procedure"]["propositions"].as_array_mut().unwrap();
        props.insert(0, json!({"alternatives": ["base"], "found": "base"}));
        props.insert(4, json!({"alternatives": ["base"], "found": "base"}));
    });
    let m = minutes_of(&c, Lang::Sv);
    let paras: Vec<&str> = m.section("Beslutsgång").unwrap().split("\n\n").collect();
    assert_eq!(
        paras[0],
        "Ordföranden ställer proposition på arbetsutskottets förslag till beslut och finner att kommunstyrelsen bifaller detsamma."
    );
    assert_eq!(
        paras[4],
        "Ordföranden ställer proposition på arbetsutskottets förslag till beslut i övrigt och finner att kommunstyrelsen bifaller detsamma."
    );
    assert!(!m.is_draft());
}

#[test]
fn avslag_on_the_whole_moved_put_first_and_carried_ends_the_matter() {
    let c = case_with(|v| {
        v["base"]["rejected_by"] = json!(["em"]);
        v["procedure"] = json!({"present_count": 15});
    });
    let order = amend::procedure::default_order(&c).unwrap();
    assert_eq!(order[0].alternatives, ["base", "reject"]);
    let m = minutes(&c, &decide(&c).unwrap(), Lang::Sv);
    assert!(m.sections[0].text.starts_with(
        "Emily Munter (V) föreslår avslag på arbetsutskottets förslag till beslut.\n\n"
    ));

    let rejected = case_with(|v| {
        v["base"]["rejected_by"] = json!(["em"]);
        v["procedure"]["propositions"] =
            json!([{"alternatives": ["base", "reject"], "found": "reject"}]);
    });
    let d = decide(&rejected).unwrap();
    assert_eq!(d.ended_by.as_deref(), Some("reject"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let m = minutes(&rejected, &d, Lang::Sv);
    assert_eq!(section(&m, "Beslutsgång"), "Ordföranden ställer arbetsutskottets förslag till beslut mot avslag och finner att kommunstyrelsen avslår arbetsutskottets förslag till beslut.");
    assert_eq!(
        m.section("Beslut").unwrap(),
        "Kommunstyrelsen avslår arbetsutskottets förslag till beslut."
    );
    assert!(
        !m.is_draft(),
        "rejected as a whole, the amendments are not missing"
    );
}

#[test]
fn a_proposals_reasons_in_the_minutes_when_asked_and_the_secretarys_note_never() {
    let with = |style: Value| {
        case_with(|v| {
            v["amendments"][4]["motivation"] = json!("Personalen ska inte springa fortare.");
            v["amendments"][4]["note"] = json!("Kolla med MP om ordalydelsen.");
            v["style"] = style;
        })
    };
    let plain = minutes_of(&with(json!({})), Lang::Sv).to_text();
    assert!(!plain.contains("Motivering") && !plain.contains("Kolla med MP"));
    let c = with(json!({"motivations": true}));
    let m = minutes_of(&c, Lang::Sv);
    let proposals = &m.sections[0].text;
    assert!(
        proposals.contains("dubbelarbeta.\"\nMotivering: Personalen ska inte springa fortare."),
        "{proposals}"
    );
    assert!(
        !m.to_text().contains("Kolla med MP"),
        "the note is the secretary's own"
    );
    let again = Case::from_json(&c.to_json()).unwrap();
    assert_eq!(
        again.amendments[4].note.as_deref(),
        Some("Kolla med MP om ordalydelsen.")
    );
    assert_eq!(again.amendments[4].motivation, c.amendments[4].motivation);
}
