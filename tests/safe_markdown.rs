//! Markdown exports are safe to render: a plan's links that would run code
//! or carry a document, however they are written, and its raw HTML come out
//! as text. Checked with a real Markdown reader (pulldown-cmark, the one
//! the project reads Markdown plans with).

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::export::{export, Export};
use amend::render::Lang;
use amend::Case;
use pulldown_cmark::{Event, Parser, Tag};

/// Every link and image destination and every piece of raw HTML a
/// Markdown viewer would make of `md`.
fn rendered(md: &str) -> (Vec<String>, Vec<String>) {
    let mut links = Vec::new();
    let mut html = Vec::new();
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            _ => {}
        }
    }
    (links, html)
}

const PASTED: &str = "Plan\n\n\
Se [detta](javascript:alert(1)) och [versaler](JavaScript:alert(1)).\n\n\
En bild ![bild](data:text/html;base64,PHNjcmlwdD4=) och [kodad](java&#115;cript:alert(1)).\n\n\
Ett [kolon](javascript&colon;alert(1)) och [inom vinkel](<javascript:alert(1)>) och [med tabb](java&Tab;script:alert(1)).\n\n\
[ref]: vbscript:msgbox(1)\n\n\
Och [länk][ref], <b>fet</b>, <script>alert(2)</script> och <javascript:alert(4)>.\n\n\
Men [kommunen](https://www.alingsas.se) och [mejl](mailto:ks@alingsas.se) står kvar.\n";

#[test]
fn a_pasted_plan_s_unsafe_links_and_html_come_out_as_text() {
    // what a viewer makes of the plan as it came in: unsafe, as the test needs
    let (links, html) = rendered(PASTED);
    assert!(
        links
            .iter()
            .filter(|l| !l.starts_with("https:") && !l.starts_with("mailto:"))
            .count()
            >= 7,
        "{links:?}"
    );
    assert!(!html.is_empty());

    let case = Case::new("Plan", PASTED);
    let doc = case.document().unwrap();
    for (format, name) in [(Export::Markdown, "markdown"), (Export::Critic, "critic")] {
        let md = export(&case, &doc, &[], format, Lang::Sv).unwrap();
        let (links, html) = rendered(&md);
        assert_eq!(
            links,
            ["https://www.alingsas.se", "mailto:ks@alingsas.se"],
            "{name}: only the safe links stay links:\n{md}"
        );
        assert!(html.is_empty(), "{name}: no raw HTML: {html:?}\n{md}");
        // the text is all there to read
        for words in [
            "Se [detta",
            "javascript:alert(1))",
            "PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "alert(2)",
        ] {
            assert!(md.contains(words), "{name}: {words} kept as text:\n{md}");
        }
    }
}

#[test]
fn an_already_escaped_bracket_is_left_as_it_is() {
    assert_eq!(
        amend::render::escape_unsafe_links("[x\\](javascript:y) [z](https://a)"),
        "[x\\](javascript:y) [z](https://a)"
    );
    assert_eq!(
        amend::render::escape_unsafe_links("   [r]: data:x\n    [s]: data:y"),
        "   \\[r]: data:x\n    [s]: data:y",
        "four spaces make a code block, not a definition"
    );
}
