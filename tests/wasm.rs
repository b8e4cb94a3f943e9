//! The browser binding, tested in a real browser (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use amend::wasm::Workspace;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");

/// JSON text as a JavaScript value (for inputs written as literals).
fn js(s: &str) -> JsValue {
    js_sys::JSON::parse(s).expect("JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("property")
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen_test]
fn opens_the_example() {
    let ws = Workspace::new(EXAMPLE).expect("opens");
    let blocks = ws.blocks().expect("blocks");
    let blocks = js_sys::Array::from(&blocks);
    assert!(blocks.length() > 40);
    let first = blocks.get(0);
    assert_eq!(get(&first, "type").as_string().as_deref(), Some("heading"));
    assert_eq!(
        get(&first, "text").as_string().as_deref(),
        Some("Kommunkoncernövergripande ekonomisk handlingsplan")
    );
}

#[wasm_bindgen_test]
fn bad_json_is_an_error_object_with_message_and_code() {
    let err = Workspace::new("{not json").err().expect("an error");
    assert!(err.is_object());
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("json"));
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("not valid JSON"));
    let err = Workspace::new("{\"title\": \"x\"}")
        .err()
        .expect("an error");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("not_a_case"));
}

#[wasm_bindgen_test]
fn tracked_changes_carry_the_proposer() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let blocks = js_sys::Array::from(&ws.tracked(ids(&["v2"])).unwrap());
    let changed: Vec<JsValue> = blocks
        .iter()
        .filter(|b| get(b, "status").as_string().as_deref() == Some("changed"))
        .collect();
    assert_eq!(changed.len(), 1);
    let runs = js_sys::Array::from(&get(&changed[0], "runs"));
    let inserted = runs
        .iter()
        .find(|r| get(r, "tag").as_string().as_deref() == Some("insert"))
        .expect("an insertion");
    let by = js_sys::Array::from(&get(&inserted, "by"));
    assert_eq!(by.get(0).as_string().as_deref(), Some("v2"));
}

#[wasm_bindgen_test]
fn conflicting_set_is_an_error_object() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let err = ws.tracked(ids(&["mp1", "v2"])).expect_err("conflict");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("conflict"));
    assert!(get(&err, "help").is_string());
}

#[wasm_bindgen_test]
fn case_round_trips() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let json = ws.case_json().unwrap();
    let again = Workspace::new(&json).unwrap();
    assert_eq!(again.case_json().unwrap(), json);
    // the browser's JSON writes the case file byte for byte as the core does
    assert_eq!(json, amend::Case::from_json(EXAMPLE).unwrap().to_json());
}

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

/// A case file around `plan`, in amend's structured form.
fn structured_case(plan: &str) -> String {
    format!(
        r#"{{"format": "amend/1", "title": "Plan", "plan": {{"format": "structured", "text": {}}}}}"#,
        json(&JsValue::from_str(plan))
    )
}

#[wasm_bindgen_test]
fn new_case_from_a_plan_and_empty_plan_error() {
    // the main module reads no Markdown: the app then uses the full one
    let err = Workspace::from_plan("Plan", "# Plan\n\n## Mål\n\nVi ska spara.\n")
        .err()
        .unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("format_not_built")
    );
    let ws = Workspace::new(&structured_case("# Plan\n\n## Mål\n\nVi ska spara.\n")).unwrap();
    assert_eq!(js_sys::Array::from(&ws.blocks().unwrap()).length(), 3);
    let ws = Workspace::from_plan("Plan", "Plan\n\nVi ska spara.\n").unwrap();
    assert_eq!(js_sys::Array::from(&ws.blocks().unwrap()).length(), 2);
    let err = Workspace::from_plan("Plan", "  \n").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("empty_plan"));
}

#[wasm_bindgen_test]
fn overlay_and_groups_of_the_example() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let all = ids(&["mp1", "mp2", "v1", "v2", "mp-tillagg", "c-tillagg"]);
    let o = ws.overlay(all).unwrap();
    let blocks = js_sys::Array::from(&get(&o, "blocks"));
    let removed = blocks
        .iter()
        .filter(|b| !get(b, "removed_by").is_undefined())
        .count();
    assert!(removed > 5);
    let check = ws.check().unwrap();
    let groups = js_sys::Array::from(&get(&check, "groups"));
    assert_eq!(groups.length(), 2);
    let s = json(&groups);
    assert!(s.contains(r#""amendments":["mp2","v1"]"#), "{s}");
    assert!(s.contains(r#""identical":true"#), "{s}");
    let g = groups.get(0);
    let range = get(&g, "blocks");
    let (start, end) = (
        get(&range, "start").as_f64().unwrap() as usize,
        get(&range, "end").as_f64().unwrap() as usize,
    );
    let col = ws.column(Some("mp1".into()), start, end).unwrap();
    assert_eq!(
        js_sys::Array::from(&get(&col, "blocks")).length() as usize,
        end - start
    );
}

#[wasm_bindgen_test]
fn selection_wording_and_drafts() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let blocks = js_sys::Array::from(&ws.blocks().unwrap());
    let (i, text) = blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| {
            let t = get(&b, "text").as_string().unwrap();
            t.contains("Sveriges mest effektiva kommun")
                .then_some((i, t))
        })
        .unwrap();
    let at = text.find("veriges mest").unwrap();
    let start = text[..at].encode_utf16().count();
    let end = start + "veriges mest effektiva kommu".len();
    let q = ws.quote_at(i, start, i, end).unwrap();
    assert_eq!(
        get(&q, "quote").as_string().as_deref(),
        Some("Sveriges mest effektiva kommun")
    );
    let op = r#"[{"action":"replace","quote":"Sveriges mest effektiva kommun","text":"en kommun i balans"}]"#;
    let w = ws.wording(js(op), "sv").unwrap();
    assert!(
        w.starts_with("I avsnittet Effektivisera den politiska målstyrningen på sidan"),
        "{w}"
    );
    assert!(w.ends_with("ändras ”Sveriges mest effektiva kommun” till: ”en kommun i balans”"));
    let located = js_sys::Array::from(&ws.locate_ops(js(op)).unwrap());
    assert_eq!(located.length(), 2, "[blocks, warnings]");
    let bad = r#"[{"action":"delete","quote":"finns inte här"}]"#;
    let err = ws.locate_ops(js(bad)).err().unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("quote_not_found")
    );
    let err = ws.wording("nonsense".into(), "sv").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid"));
}

#[wasm_bindgen_test]
fn set_parts_validates_and_keeps_the_case_on_error() {
    let mut ws = Workspace::new(EXAMPLE).unwrap();
    let before = ws.case_json().unwrap();
    let parts = r#"{"amendments":[{"id":"x","proposer":"nobody","kind":"change","wording":"w","ops":[{"action":"delete","quote":"Syftet"}]}]}"#;
    let err = ws.set_parts(js(parts)).err().unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("unknown_member")
    );
    assert_eq!(ws.case_json().unwrap(), before);
    let err = ws.set_parts(js(r#"{"title": 5}"#)).err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid"));
    let parts = r#"{"title":"Ny titel","amendments":[]}"#;
    ws.set_parts(js(parts)).unwrap();
    let case = ws.parts().unwrap();
    assert_eq!(get(&case, "title").as_string().as_deref(), Some("Ny titel"));
    assert_eq!(js_sys::Array::from(&get(&case, "amendments")).length(), 0);
}

#[wasm_bindgen_test]
fn exports() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let text = ws.export("txt", ids(&["mp2", "v1"]), "sv").unwrap();
    assert!(!text.contains("Nämndbuffertar"));
    let critic = ws.export("critic", ids(&["v2"]), "sv").unwrap();
    assert!(critic.contains("{>>Emily Munter (V)"));
    let case = ws.export("json", vec![], "sv").unwrap();
    assert_eq!(case, ws.case_json().unwrap());
    assert_eq!(
        Workspace::new(&case).unwrap().case_json().unwrap(),
        ws.case_json().unwrap()
    );
    let err = ws.export("pdf", vec![], "sv").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid"));
    let err = ws.export("html", ids(&["mp1", "v2"]), "sv").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("conflict"));
}

#[wasm_bindgen_test]
fn decomposed_text_is_composed_by_the_browser() {
    // "Nämnd" with a combining diaeresis (NFD), as some PDF tools copy it
    let ws = Workspace::new(&structured_case(
        "# Na\u{0308}mnd\n\nVi ska spara – ”mycket”.\n",
    ))
    .unwrap();
    let blocks = ws.blocks().unwrap();
    let first = js_sys::Array::from(&blocks).get(0);
    assert_eq!(get(&first, "text").as_string().as_deref(), Some("Nämnd"));
    // a quote typed in NFC finds the text
    let op = r#"[{"action":"delete","quote":"Nämnd"}]"#;
    assert!(ws.locate_ops(js(op)).is_ok());
}

fn text(v: &JsValue, key: &str) -> Option<String> {
    get(v, key).as_string()
}

#[wasm_bindgen_test]
fn parts_are_the_case_without_its_plan() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let parts = ws.parts().unwrap();
    assert!(get(&parts, "plan").is_undefined());
    assert_eq!(text(&parts, "format").as_deref(), Some("amend/1"));
    assert_eq!(
        text(&get(&parts, "meeting"), "paragraph").as_deref(),
        Some("§ 217")
    );
    let procedure = get(&parts, "procedure");
    assert_eq!(get(&procedure, "present_count").as_f64(), Some(15.0));
    assert_eq!(
        js_sys::Array::from(&get(&procedure, "propositions")).length(),
        5
    );
    // labels are a plain object, not a Map
    let labels = ws.labels("sv").unwrap();
    assert_eq!(text(&get(&labels, "mp2"), "short").as_deref(), Some("MP 2"));
}

#[wasm_bindgen_test]
fn default_order_of_the_example() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let order = ws.default_order().unwrap();
    assert_eq!(
        json(&order),
        r#"[{"alternatives":["base","mp2+v1"]},{"alternatives":["base","mp1","v2"]},{"alternatives":["mp-tillagg","reject"]},{"alternatives":["c-tillagg","reject"]}]"#
    );
}

#[wasm_bindgen_test]
fn the_seed_vote_with_minutes_in_both_languages() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let vote = ws.vote("sv").unwrap();
    assert!(get(&vote, "problem").is_null());
    let decision = get(&vote, "decision");
    assert_eq!(js_sys::Array::from(&get(&decision, "adopted")).length(), 0);
    let statuses = json(&get(&decision, "statuses"));
    assert!(
        statuses.contains(r#"{"id":"mp2","status":"rejected","proposition":1}"#),
        "{statuses}"
    );
    let notices = json(&get(&decision, "notices"));
    assert!(
        notices.contains(r#""code":"different_passages","propositions":[0],"ids":["mp1","v1"]"#),
        "{notices}"
    );
    let sections = js_sys::Array::from(&get(&get(&vote, "minutes"), "sections"));
    let titles: Vec<String> = sections
        .iter()
        .map(|s| text(&s, "title").unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Förslag till beslut på sammanträdet",
            "Beslutsgång",
            "Beslut",
            "Reservation"
        ]
    );
    let en = ws.vote("en").unwrap();
    let first = js_sys::Array::from(&get(&get(&en, "minutes"), "sections")).get(1);
    assert_eq!(text(&first, "title").as_deref(), Some("Decision procedure"));
    let file = ws.minutes_text("sv").unwrap();
    assert!(file.starts_with("§ 217  2023.476 KS\nKommunkoncernövergripande ekonomisk handlingsplan\n\nFörslag till beslut på sammanträdet\n"), "{file}");
    assert!(file.contains("Amanda Andersson (MP) reserverar sig till förmån för eget förslag."));
    // the same minutes as a page to read and print
    let page = ws.minutes_html("sv").unwrap();
    assert!(page.starts_with("<!doctype html>\n<html lang=\"sv\">"));
    assert!(page.contains("<h1>§ 217 Kommunkoncernövergripande ekonomisk handlingsplan</h1>"));
    for title in titles {
        assert!(page.contains(&format!("<h2>{title}</h2>")), "{title}");
    }
    assert!(ws
        .minutes_html("en")
        .unwrap()
        .contains("<h2>Decision procedure</h2>"));
}

#[wasm_bindgen_test]
fn a_procedure_that_does_not_add_up_is_kept_and_reported_where_it_is() {
    let mut ws = Workspace::new(EXAMPLE).unwrap();
    // MP 2 and V 1 adopted together, then 16 votes with 15 present
    let procedure = r#"{"procedure":{"present_count":15,"propositions":[
        {"alternatives":["base","mp2+v1"],"found":"mp2+v1"},
        {"alternatives":["base","mp1","v2"],"found":"base","roll_call":{"preliminary":[{"ja":"mp1","nej":"v2","found":"v2"}],"main":{"counts":{"ja":9,"nej":6,"avstar":1}}}},
        {"alternatives":["mp-tillagg","reject"],"found":"reject"}]}}"#;
    ws.set_parts(js(procedure)).unwrap();
    let stored = get(&ws.parts().unwrap(), "procedure");
    assert!(json(&stored).contains(r#""counts":{"ja":9,"nej":6,"avstar":1}"#));
    let vote = ws.vote("sv").unwrap();
    let problem = get(&vote, "problem");
    assert_eq!(text(&problem, "code").as_deref(), Some("too_many_votes"));
    assert_eq!(get(&problem, "proposition").as_f64(), Some(1.0));
    assert!(get(&vote, "minutes").is_null());
    // what was decided before it stands
    let adopted = json(&get(&get(&vote, "decision"), "adopted"));
    assert_eq!(adopted, r#"["mp2","v1"]"#);
    let err = ws.minutes_text("sv").err().unwrap();
    assert!(text(&err, "message")
        .unwrap()
        .contains("only 15 members present"));
    let err = ws.minutes_html("sv").err().unwrap();
    assert_eq!(text(&err, "code").as_deref(), Some("too_many_votes"));

    // 7–7 and the chair's casting vote
    let tie = r#"{"procedure":{"present_count":15,"propositions":[
        {"alternatives":["base","v2"],"found":"base","roll_call":{"main":{"counts":{"ja":7,"nej":7,"avstar":1}}}}]}}"#;
    ws.set_parts(js(tie)).unwrap();
    let vote = ws.vote("sv").unwrap();
    assert_eq!(text(&get(&vote, "problem"), "code").as_deref(), Some("tie"));
    let tie = tie.replace(r#""avstar":1}"#, r#""avstar":1},"casting_vote":"nej""#);
    ws.set_parts(js(&tie)).unwrap();
    let vote = ws.vote("sv").unwrap();
    assert!(get(&vote, "problem").is_null());
    let adopted = json(&get(&get(&vote, "decision"), "adopted"));
    assert_eq!(adopted, r#"["v2"]"#);
}

#[wasm_bindgen_test]
fn a_case_that_is_not_amend_json() {
    let err = Workspace::new("[1, 2]").err().unwrap();
    assert_eq!(text(&err, "code").as_deref(), Some("not_a_case"));
    let err = Workspace::new(r#"{"format": "amend/9"}"#).err().unwrap();
    assert_eq!(text(&err, "code").as_deref(), Some("format_version"));
    let err = Workspace::new(r#"{"format": "amend/1", "title": "x"}"#)
        .err()
        .unwrap();
    assert_eq!(text(&err, "code").as_deref(), Some("json"));
    assert!(text(&err, "message").unwrap().contains("plan"));
}

#[cfg(feature = "compare-texts")]
#[wasm_bindgen_test]
fn compare_texts_gives_back_both_texts_as_slices() {
    let pairs = [
        ("", ""),
        ("", "ny"),
        ("samma\n\ntext", "samma\n\ntext"),
        (
            "Ett 😀 stycke.\n\nTvå ord här.\r\n\r\nSista 𝄞 stycket.\n",
            "Ett 😀 stycke.\n\nTvå nya ord här.\r\n\r\nSista 𝄞 stycket.\n",
        ),
        ("a\n\n\n\nb\n\nc", "a\n\n\n\nx\n\nc"),
        ("början\n\nslut", "början\n\nmitten\n\nslut"),
    ];
    for (old, new) in pairs {
        let chunks = js_sys::Array::from(&amend::wasm::compare_texts(&old.into(), &new.into()));
        let (mut a, mut b) = (String::new(), String::new());
        let mut last = String::new();
        for c in chunks.iter() {
            let tag = get(&c, "tag").as_string().expect("tag");
            let text = get(&c, "text").as_string().expect("text");
            assert!(!text.is_empty(), "{old:?} → {new:?}");
            assert!(!(tag == "equal" && last == "equal"), "{old:?} → {new:?}");
            if tag != "insert" {
                a.push_str(&text);
            }
            if tag != "delete" {
                b.push_str(&text);
            }
            last = tag;
        }
        assert_eq!((a.as_str(), b.as_str()), (old, new));
    }
}
