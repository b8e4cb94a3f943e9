//! The minutes' account of the decision: "Förslag till beslut på
//! sammanträdet", "Beslutsgång", "Beslut", "Reservation", and a
//! voteringslista for every roll call with ballots — in the phrasing Swedish
//! municipal minutes use, or in English.

use crate::amendment::{Amendment, AmendmentKind};
use crate::case::{BodyKind, Case, Member};
use crate::procedure::{
    parts, Choice, Decision, FormalKind, Round, Status, Tally, BASE, DECIDE, REJECT,
};
use crate::render::Lang;
use serde::Serialize;

/// One section of the minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub title: String,
    /// Paragraphs, separated by blank lines.
    pub text: String,
    /// For a voteringslista: the same list as a table, for showing it as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
}

/// A voteringslista as a table: a caption, the column heads, a row per
/// member (name, party, then "X" under the vote) and the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub foot: Vec<String>,
}

/// The generated minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    pub sections: Vec<Section>,
    /// What keeps them from being complete: a sentence for each tabled
    /// proposal (not withdrawn, not fallen) that was never decided. Empty
    /// for minutes that can be signed; otherwise they are a draft, and say
    /// so first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// A draft's notice, in the minutes' language: "UTKAST – …", naming
    /// what is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Minutes {
    /// The section with this title.
    pub fn section(&self, title: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.title == title)
            .map(|s| s.text.as_str())
    }

    /// Are these minutes a draft (a proposal never decided)?
    pub fn is_draft(&self) -> bool {
        !self.missing.is_empty()
    }

    /// All sections as plain text, a draft's notice first.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(notice) = &self.notice {
            out.push_str(notice);
            out.push_str("\n\n");
        }
        for s in &self.sections {
            out.push_str(&s.title);
            out.push('\n');
            out.push_str(&s.text);
            out.push_str("\n\n");
        }
        out.trim_end().to_string() + "\n"
    }
}

/// Swedish ordinal words as the minutes write them ("första ändringsförslag").
pub fn ordinal_sv(n: u32) -> String {
    const W: [&str; 12] = [
        "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde",
        "tionde", "elfte", "tolfte",
    ];
    W.get(n.wrapping_sub(1) as usize)
        .map_or_else(|| format!("{n}:e"), |w| w.to_string())
}

fn ordinal_en(n: u32) -> String {
    const W: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    W.get(n.wrapping_sub(1) as usize)
        .map_or_else(|| format!("{n}th"), |w| w.to_string())
}

fn number_sv(n: usize) -> String {
    const W: [&str; 9] = [
        "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
    ];
    W.get(n.wrapping_sub(2))
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

fn number_en(n: usize) -> String {
    const W: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    W.get(n.wrapping_sub(2))
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// Swedish genitive: "Amanda Andersson" → "Amanda Anderssons", "Lars" → "Lars".
pub fn genitive_sv(name: &str) -> String {
    let name = name.trim();
    if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

fn genitive_en(name: &str) -> String {
    let name = name.trim();
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "A", "A och B", "A, B och C".
fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

struct Writer<'a> {
    case: &'a Case,
    /// The case's members and amendments, by id.
    lookup: crate::case::Lookup<'a>,
    lang: Lang,
}

impl<'a> Writer<'a> {
    fn new(case: &'a Case, lang: Lang) -> Writer<'a> {
        Writer {
            case,
            lookup: case.lookup(),
            lang,
        }
    }

    fn sv(&self) -> bool {
        self.lang == Lang::Sv
    }

    fn member(&self, id: &str) -> Option<&'a Member> {
        self.lookup.member(id)
    }

    fn name(&self, id: &str) -> String {
        self.member(id)
            .map_or_else(|| id.to_string(), |m| m.name.clone())
    }

    fn label(&self, id: &str) -> String {
        self.member(id)
            .map_or_else(|| id.to_string(), Member::label)
    }

    fn body(&self) -> String {
        if self.sv() {
            self.case.meeting.body.clone()
        } else {
            match self.case.meeting.body_kind {
                BodyKind::Kommunstyrelse => "the municipal executive board".into(),
                BodyKind::Fullmaktige => "the municipal council".into(),
                BodyKind::Namnd => "the committee".into(),
            }
        }
    }

    fn base(&self) -> String {
        if self.sv() {
            self.case.base.name.clone()
        } else {
            self.case
                .base
                .name_en
                .clone()
                .unwrap_or_else(|| "the base proposal".into())
        }
    }

    fn kind_word(&self, kind: AmendmentKind) -> &'static str {
        match (kind, self.sv()) {
            (AmendmentKind::Change, true) => "ändringsförslag",
            (AmendmentKind::Addition, true) => "tilläggsförslag",
            (AmendmentKind::Change, false) => "amendment",
            (AmendmentKind::Addition, false) => "addition",
        }
    }

    fn ordinal(&self, a: &Amendment) -> Option<String> {
        self.lookup.numbered(a).then(|| {
            let n = self.lookup.ordinal(a);
            if self.sv() {
                ordinal_sv(n)
            } else {
                ordinal_en(n)
            }
        })
    }

    /// "Amanda Anderssons första" (+ party if asked), without the kind word.
    fn owner(&self, a: &Amendment, party: bool) -> String {
        let m = self.member(&a.proposer);
        let name = m.map_or(a.proposer.as_str(), |m| m.name.as_str());
        let mut s = if self.sv() {
            genitive_sv(name)
        } else {
            genitive_en(name)
        };
        if party {
            if let Some(m) = m.filter(|m| !m.party.is_empty()) {
                s.push_str(&format!(" ({})", m.party));
            }
        }
        if let Some(o) = self.ordinal(a) {
            s.push(' ');
            s.push_str(&o);
        }
        s
    }

    /// "Amanda Anderssons andra och Emily Munters första ändringsförslag".
    fn amendments_phrase(&self, ids: &[&str], party: bool) -> String {
        let list: Vec<&Amendment> = ids
            .iter()
            .filter_map(|id| self.lookup.amendment(id))
            .collect();
        if list.is_empty() {
            return ids.join(", ");
        }
        let and = if self.sv() { "och" } else { "and" };
        let same_kind = list.iter().all(|a| a.kind == list[0].kind);
        if same_kind {
            let owners: Vec<String> = list.iter().map(|a| self.owner(a, party)).collect();
            format!(
                "{} {}",
                join_list(&owners, and),
                self.kind_word(list[0].kind)
            )
        } else {
            let each: Vec<String> = list
                .iter()
                .map(|a| format!("{} {}", self.owner(a, party), self.kind_word(a.kind)))
                .collect();
            join_list(&each, and)
        }
    }

    /// The name of an alternative in the minutes.
    fn alternative(&self, alt: &str) -> String {
        match alt {
            BASE => self.base(),
            REJECT => (if self.sv() { "avslag" } else { "rejection" }).into(),
            DECIDE => (if self.sv() {
                "att ärendet ska avgöras idag"
            } else {
                "deciding the matter today"
            })
            .into(),
            _ => {
                if let Some(f) = self.case.procedure.formal.iter().find(|f| f.id == alt) {
                    let who = self.name(&f.proposer);
                    return match (f.kind, self.sv()) {
                        (FormalKind::Remit, true) => {
                            format!("{} förslag om återremiss", genitive_sv(&who))
                        }
                        (FormalKind::Postpone, true) => {
                            format!("{} förslag om bordläggning", genitive_sv(&who))
                        }
                        (FormalKind::Remit, false) => {
                            format!("{} motion to refer the matter back", genitive_en(&who))
                        }
                        (FormalKind::Postpone, false) => {
                            format!("{} motion to postpone the matter", genitive_en(&who))
                        }
                    };
                }
                self.amendments_phrase(&parts(alt), false)
            }
        }
    }

    /// A sentence for each tabled proposal, not withdrawn and not fallen,
    /// that the procedure never decided (none when a formal motion ended
    /// the matter: what was left is not decided, rightly).
    fn missing(&self, d: &Decision) -> Vec<String> {
        if d.ended_by.is_some() {
            return Vec::new();
        }
        d.statuses
            .iter()
            .filter(|s| s.status == Status::Open)
            .map(|s| {
                let formal = self.case.procedure.formal.iter().any(|f| f.id == s.id);
                let what = if formal {
                    self.alternative(&s.id)
                } else {
                    self.amendments_phrase(&[s.id.as_str()], true)
                };
                if self.sv() {
                    format!("{what} har inte avgjorts")
                } else {
                    format!("{what} has not been decided")
                }
            })
            .collect()
    }

    fn proposals_section(&self) -> String {
        let case = self.case;
        let mut paras: Vec<String> = Vec::new();
        let base = self.base();
        for f in case.procedure.formal.iter().filter(|f| !f.withdrawn) {
            let who = self.label(&f.proposer);
            paras.push(match (f.kind, self.sv()) {
                (FormalKind::Remit, true) => format!(
                    "{who} föreslår att ärendet återremitteras med följande motivering: {}",
                    f.reason.trim()
                ),
                (FormalKind::Postpone, true) => format!("{who} föreslår att ärendet bordläggs."),
                (FormalKind::Remit, false) => format!(
                    "{who} moves that the matter be referred back, for these reasons: {}",
                    f.reason.trim()
                ),
                (FormalKind::Postpone, false) => {
                    format!("{who} moves that the matter be postponed.")
                }
            });
        }
        let by_kind = |kind: AmendmentKind, paras: &mut Vec<String>| {
            let mut proposers: Vec<&str> = Vec::new();
            for a in case.active().filter(|a| a.kind == kind) {
                if !proposers.contains(&a.proposer.as_str()) {
                    proposers.push(&a.proposer);
                }
            }
            for p in proposers {
                let theirs: Vec<&Amendment> = case
                    .active()
                    .filter(|a| a.kind == kind && a.proposer == p)
                    .collect();
                let who = self.label(p);
                let n = theirs.len();
                let head = match (kind, self.sv(), n) {
                    (AmendmentKind::Change, true, 1) => {
                        format!("{who} föreslår följande ändring i {base}:")
                    }
                    (AmendmentKind::Change, true, _) => format!(
                        "{who} föreslår följande {} ändringar i {base}:",
                        number_sv(n)
                    ),
                    (AmendmentKind::Addition, true, 1) => {
                        format!("{who} föreslår följande tillägg till {base}:")
                    }
                    (AmendmentKind::Addition, true, _) => format!(
                        "{who} föreslår följande {} tillägg till {base}:",
                        number_sv(n)
                    ),
                    (AmendmentKind::Change, false, 1) => {
                        format!("{who} proposes the following amendment to {base}:")
                    }
                    (AmendmentKind::Change, false, _) => format!(
                        "{who} proposes the following {} amendments to {base}:",
                        number_en(n)
                    ),
                    (AmendmentKind::Addition, false, 1) => {
                        format!("{who} proposes the following addition to {base}:")
                    }
                    (AmendmentKind::Addition, false, _) => format!(
                        "{who} proposes the following {} additions to {base}:",
                        number_en(n)
                    ),
                };
                let body: Vec<String> = if n == 1 {
                    vec![theirs[0].wording.trim().to_string()]
                } else {
                    theirs
                        .iter()
                        .enumerate()
                        .map(|(i, a)| format!("{}. {}", i + 1, a.wording.trim()))
                        .collect()
                };
                paras.push(format!("{head}\n{}", body.join("\n")));
            }
        };
        by_kind(AmendmentKind::Change, &mut paras);
        // supporters, in the order members first support something
        let mut supporters: Vec<&str> = Vec::new();
        for a in case.active() {
            for s in &a.supporters {
                if !supporters.contains(&s.as_str()) {
                    supporters.push(s);
                }
            }
        }
        for s in supporters {
            let ids: Vec<&str> = case
                .active()
                .filter(|a| a.supporters.iter().any(|x| x == s))
                .map(|a| a.id.as_str())
                .collect();
            let what = self.amendments_phrase(&ids, true);
            paras.push(if self.sv() {
                format!("{} föreslår att {what} bifalls.", self.label(s))
            } else {
                format!("{} proposes that {what} be approved.", self.label(s))
            });
        }
        by_kind(AmendmentKind::Addition, &mut paras);
        paras.join("\n\n")
    }

    fn tally_sentence(&self, t: &Tally, verb_phrase: &str) -> String {
        let c = t.counts;
        let body = self.body();
        if self.sv() {
            let abstain = if c.avstar > 0 {
                format!(" och {} som avstår", c.avstar)
            } else {
                String::new()
            };
            let casting = if t.casting {
                " med ordförandens utslagsröst"
            } else {
                ""
            };
            let votes = |n: u32, word: &str| {
                format!("{n} {word}-{}", if n == 1 { "röst" } else { "röster" })
            };
            format!(
                "Med {} mot {}{abstain} beslutar {body}{casting} {verb_phrase}.",
                votes(c.ja, "ja"),
                votes(c.nej, "nej")
            )
        } else {
            let abstain = if c.avstar > 0 {
                let word = if c.avstar == 1 {
                    "abstention"
                } else {
                    "abstentions"
                };
                format!(" and {} {word}", c.avstar)
            } else {
                String::new()
            };
            let casting = if t.casting {
                " with the chair's casting vote"
            } else {
                ""
            };
            let votes = if c.ja == 1 { "vote" } else { "votes" };
            format!(
                "With {} {votes} in favour to {} against{abstain}, {body} decides{casting} {verb_phrase}.",
                c.ja, c.nej
            )
        }
    }

    /// "att bifalla X" / "att avslå X" / "att återremittera ärendet".
    fn verb_phrase(&self, winner: &str, alternatives: &[String]) -> String {
        let sv = self.sv();
        if winner == REJECT {
            let other = alternatives
                .iter()
                .find(|a| a.as_str() != REJECT)
                .map(String::as_str)
                .unwrap_or("");
            return if sv {
                format!("att avslå {}", self.alternative(other))
            } else {
                format!("to reject {}", self.alternative(other))
            };
        }
        if winner == DECIDE {
            return (if sv {
                "att ärendet ska avgöras idag"
            } else {
                "to decide the matter today"
            })
            .into();
        }
        if let Some(f) = self.case.procedure.formal.iter().find(|f| f.id == winner) {
            return match (f.kind, sv) {
                (FormalKind::Remit, true) => "att återremittera ärendet".into(),
                (FormalKind::Postpone, true) => "att bordlägga ärendet".into(),
                (FormalKind::Remit, false) => "to refer the matter back".into(),
                (FormalKind::Postpone, false) => "to postpone the matter".into(),
            };
        }
        if sv {
            format!("att bifalla {}", self.alternative(winner))
        } else {
            format!("to approve {}", self.alternative(winner))
        }
    }

    /// "… och finner att kommunstyrelsen bifaller X."
    fn finding(&self, winner: &str, alternatives: &[String]) -> String {
        let body = self.body();
        let sv = self.sv();
        if winner == REJECT {
            let other = alternatives
                .iter()
                .find(|a| a.as_str() != REJECT)
                .map(String::as_str)
                .unwrap_or("");
            return if sv {
                format!("finner att {body} avslår {}", self.alternative(other))
            } else {
                format!("finds that {body} rejects {}", self.alternative(other))
            };
        }
        if sv {
            format!("finner att {body} bifaller {}", self.alternative(winner))
        } else {
            format!("finds that {body} approves {}", self.alternative(winner))
        }
    }

    fn procedure_section(&self, d: &Decision, lists: &mut Vec<(String, Round)>) -> String {
        let case = self.case;
        let sv = self.sv();
        let mut paras = Vec::new();
        for r in &d.propositions {
            let Some(prop) = case.procedure.propositions.get(r.index) else {
                continue;
            };
            let Some(found) = &r.found else { continue };
            if r.alternatives.len() < 2 || r.winner.is_none() || r.moot {
                continue;
            }
            let alts = &r.alternatives;
            let mut s = String::new();
            let formal = alts
                .iter()
                .find_map(|a| case.procedure.formal.iter().find(|f| &f.id == a));
            if let Some(f) = formal {
                let (verb_sv, verb_en) = match f.kind {
                    FormalKind::Remit => ("återremitteras", "referred back"),
                    FormalKind::Postpone => ("bordläggas", "postponed"),
                };
                let today = found == DECIDE;
                s.push_str(&if sv {
                    format!(
                        "Ordföranden frågar om ärendet ska avgöras idag eller {verb_sv} och finner att {}.",
                        if today { "det ska avgöras idag".to_string() } else { format!("det ska {verb_sv}") }
                    )
                } else {
                    format!(
                        "The chair asks whether the matter is to be decided today or {verb_en} and finds that {}.",
                        if today { "it is to be decided today".to_string() } else { format!("it is to be {verb_en}") }
                    )
                });
            } else {
                let first = self.alternative(&alts[0]);
                let rest: Vec<String> = alts[1..].iter().map(|a| self.alternative(a)).collect();
                let and = if sv { "och" } else { "and" };
                s.push_str(&if sv {
                    format!(
                        "Ordföranden ställer {first} mot {} och {}.",
                        join_list(&rest, and),
                        self.finding(found, alts)
                    )
                } else {
                    format!(
                        "The chair puts {first} against {} and {}.",
                        join_list(&rest, and),
                        self.finding(found, alts)
                    )
                });
            }
            if let Some(rc) = &prop.roll_call {
                s.push(' ');
                s.push_str(if sv {
                    "Omröstning begärs."
                } else {
                    "A roll call is demanded."
                });
                if !r.preliminary.is_empty() {
                    s.push(' ');
                    s.push_str(&if sv {
                        format!(
                            "Ordföranden finner att {} är huvudförslag.",
                            self.alternative(found)
                        )
                    } else {
                        format!(
                            "The chair finds that {} is the main proposal.",
                            self.alternative(found)
                        )
                    });
                    for (k, t) in r.preliminary.iter().enumerate() {
                        let w = if t.winner == Choice::Ja {
                            &t.ja
                        } else {
                            &t.nej
                        };
                        let round = &rc.preliminary[k];
                        let voted = round.counts.is_some() || !round.ballots.is_empty();
                        s.push(' ');
                        if voted {
                            s.push_str(&if sv {
                                format!(
                                    "För att utse motförslag godkänner {} följande propositionsordning: Ja-röst för {}. Nej-röst för {}. {}",
                                    self.body(),
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.tally_sentence(t, &format!("att utse {} till motförslag", self.alternative(w)))
                                )
                            } else {
                                format!(
                                    "To choose the counter-proposal, {} approves the following order of voting: Yes for {}. No for {}. {}",
                                    self.body(),
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.tally_sentence(t, &format!("that {} is the counter-proposal", self.alternative(w)))
                                )
                            });
                            if !round.ballots.is_empty() {
                                lists.push((
                                    format!(
                                        "{} {}, {}",
                                        "proposition",
                                        r.index + 1,
                                        if sv {
                                            format!("motförslagsvotering {}", k + 1)
                                        } else {
                                            format!("preliminary vote {}", k + 1)
                                        }
                                    ),
                                    round.clone(),
                                ));
                            }
                        } else {
                            s.push_str(&if sv {
                                format!(
                                    "För att utse motförslag ställer ordföranden {} mot {} och finner att {} utses till motförslag.",
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.alternative(w)
                                )
                            } else {
                                format!(
                                    "To choose the counter-proposal, the chair puts {} against {} and finds that {} is chosen.",
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.alternative(w)
                                )
                            });
                        }
                    }
                }
                if let Some(t) = &r.main_vote {
                    let w = if t.winner == Choice::Ja {
                        &t.ja
                    } else {
                        &t.nej
                    };
                    let yes_for = |a: &str| {
                        if a == DECIDE {
                            if sv {
                                "att ärendet ska avgöras idag".to_string()
                            } else {
                                "deciding the matter today".to_string()
                            }
                        } else if sv {
                            format!("bifall till {}", self.alternative(a))
                        } else {
                            format!("approving {}", self.alternative(a))
                        }
                    };
                    s.push(' ');
                    s.push_str(&if sv {
                        format!(
                            "{} godkänner följande propositionsordning: Ja-röst för {}. Nej-röst för {}.",
                            capitalize(&self.body()),
                            yes_for(&t.ja),
                            yes_for(&t.nej)
                        )
                    } else {
                        format!(
                            "{} approves the following order of voting: Yes for {}. No for {}.",
                            capitalize(&self.body()),
                            yes_for(&t.ja),
                            yes_for(&t.nej)
                        )
                    });
                    s.push(' ');
                    s.push_str(&self.tally_sentence(t, &self.verb_phrase(w, alts)));
                    if !rc.main.ballots.is_empty() {
                        let n = lists.len() + 1;
                        s.push(' ');
                        s.push_str(&if sv {
                            format!("Omröstningsresultatet framgår av voteringslista {n}.")
                        } else {
                            format!("The result is shown in roll-call list {n}.")
                        });
                        lists.push((format!("proposition {}", r.index + 1), rc.main.clone()));
                    }
                    if r.minority_remit {
                        let reason = alts
                            .iter()
                            .find_map(|a| case.procedure.formal.iter().find(|f| &f.id == a))
                            .map(|f| f.reason.trim().to_string())
                            .unwrap_or_default();
                        s.push(' ');
                        s.push_str(&if sv {
                            format!("Då minst en tredjedel av de närvarande ledamöterna röstat för återremiss återremitteras ärendet med följande motivering: {reason}")
                        } else {
                            format!("As at least a third of the members present voted to refer the matter back, it is referred back for these reasons: {reason}")
                        });
                    }
                }
            }
            if !r.fell.is_empty() {
                let mut fallen: Vec<&str> = Vec::new();
                for (id, _) in &r.fell {
                    if !fallen.contains(&id.as_str()) {
                        fallen.push(id);
                    }
                }
                let names = self.amendments_phrase(&fallen, false);
                s.push(' ');
                s.push_str(&if sv {
                    format!("Därmed faller {names}.")
                } else {
                    format!("{} thereby falls.", capitalize(&names))
                });
            }
            paras.push(s);
        }
        paras.join("\n\n")
    }

    fn decision_section(&self, d: &Decision) -> String {
        let case = self.case;
        let sv = self.sv();
        if let Some(id) = &d.ended_by {
            if let Some(f) = case.procedure.formal.iter().find(|f| &f.id == id) {
                return match (f.kind, sv) {
                    (FormalKind::Remit, true) => format!(
                        "Ärendet återremitteras med följande motivering: {}",
                        f.reason.trim()
                    ),
                    (FormalKind::Postpone, true) => "Ärendet bordläggs.".into(),
                    (FormalKind::Remit, false) => format!(
                        "The matter is referred back for these reasons: {}",
                        f.reason.trim()
                    ),
                    (FormalKind::Postpone, false) => "The matter is postponed.".into(),
                };
            }
        }
        let pending = d
            .propositions
            .iter()
            .any(|p| p.winner.is_none() && p.alternatives.len() >= 2);
        if pending || case.procedure.propositions.is_empty() {
            return (if sv {
                "Ärendet är inte avgjort."
            } else {
                "The matter has not been decided."
            })
            .into();
        }
        let mut out: Vec<String> = case
            .base
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if case.base.points.len() > 1 {
                    format!("{}. {}", i + 1, p.trim())
                } else {
                    p.trim().to_string()
                }
            })
            .collect();
        if !d.adopted.is_empty() {
            let ids: Vec<&str> = d.adopted.iter().map(String::as_str).collect();
            let adopted: Vec<&Amendment> = ids
                .iter()
                .filter_map(|id| self.lookup.amendment(id))
                .collect();
            let has = |k: AmendmentKind| adopted.iter().any(|a| a.kind == k);
            let what = match (has(AmendmentKind::Change), has(AmendmentKind::Addition), sv) {
                (true, true, true) => "följande ändringar och tillägg",
                (true, false, true) if adopted.len() == 1 => "följande ändring",
                (true, false, true) => "följande ändringar",
                (false, _, true) if adopted.len() == 1 => "följande tillägg",
                (false, _, true) => "följande tillägg",
                (true, true, false) => "the following changes and additions are",
                (true, false, false) if adopted.len() == 1 => "the following change is",
                (true, false, false) => "the following changes are",
                (false, _, false) if adopted.len() == 1 => "the following addition is",
                (false, _, false) => "the following additions are",
            };
            let phrase = self.amendments_phrase(&ids, true);
            // a paragraph of its own after the decision points
            out.push(String::new());
            out.push(if sv {
                format!("Med bifall till {phrase} görs {what} i {}:", self.base())
            } else {
                format!(
                    "With the approval of {phrase}, {what} made to {}:",
                    self.base()
                )
            });
            for a in adopted {
                out.push(format!("– {}", a.wording.trim()));
            }
        }
        out.join("\n")
    }

    fn reservation_section(&self) -> String {
        let sv = self.sv();
        self.case
            .procedure
            .reservations
            .iter()
            .map(|r| {
                let who = self.label(&r.member);
                let favour = if r.in_favour_of.is_empty() {
                    if sv {
                        "eget förslag".to_string()
                    } else {
                        "their own proposal".to_string()
                    }
                } else {
                    let alts: Vec<String> =
                        r.in_favour_of.iter().map(|a| self.alternative(a)).collect();
                    join_list(&alts, if sv { "och" } else { "and" })
                };
                let written = match (r.written, sv) {
                    (true, true) => " Skriftlig reservation bifogas protokollet.",
                    (true, false) => " A written reservation is attached to the minutes.",
                    _ => "",
                };
                if sv {
                    format!("{who} reserverar sig till förmån för {favour}.{written}")
                } else {
                    format!("{who} enters a reservation in favour of {favour}.{written}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn voting_list(&self, n: usize, title: &str, round: &Round) -> String {
        let sv = self.sv();
        let (member_h, party_h, ja_h, nej_h, av_h, sum_h) = if sv {
            ("Ledamot", "Parti", "Ja", "Nej", "Avstår", "Summa")
        } else {
            ("Member", "Party", "Yes", "No", "Abstain", "Total")
        };
        let width = round
            .ballots
            .iter()
            .map(|b| self.name(&b.member).chars().count())
            .max()
            .unwrap_or(0)
            .max(member_h.len())
            + 2;
        let pad =
            |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        let mut out = format!(
            "{} {n} ({title})\n",
            if sv {
                "Voteringslista"
            } else {
                "Roll-call list"
            }
        );
        out.push_str(&format!(
            "{}{}{}{}{}\n",
            pad(member_h, width),
            pad(party_h, 8),
            pad(ja_h, 6),
            pad(nej_h, 6),
            av_h
        ));
        let (mut j, mut nn, mut a) = (0, 0, 0);
        for b in &round.ballots {
            let party = self
                .member(&b.member)
                .map(|m| m.party.clone())
                .unwrap_or_default();
            let mark = |c: Choice| if b.vote == c { "X" } else { "" };
            match b.vote {
                Choice::Ja => j += 1,
                Choice::Nej => nn += 1,
                Choice::Avstar => a += 1,
            }
            out.push_str(
                format!(
                    "{}{}{}{}{}",
                    pad(&self.name(&b.member), width),
                    pad(&party, 8),
                    pad(mark(Choice::Ja), 6),
                    pad(mark(Choice::Nej), 6),
                    mark(Choice::Avstar)
                )
                .trim_end(),
            );
            out.push('\n');
        }
        out.push_str(&format!(
            "{}{}{}{}{}",
            pad(sum_h, width),
            pad("", 8),
            pad(&j.to_string(), 6),
            pad(&nn.to_string(), 6),
            a
        ));
        out
    }

    /// The voteringslista as a table.
    fn voting_table(&self, n: usize, title: &str, round: &Round) -> Table {
        let sv = self.sv();
        let head = if sv {
            ["Ledamot", "Parti", "Ja", "Nej", "Avstår"]
        } else {
            ["Member", "Party", "Yes", "No", "Abstain"]
        };
        let mut totals = [0u32; 3];
        let rows = round
            .ballots
            .iter()
            .map(|b| {
                let k = match b.vote {
                    Choice::Ja => 0,
                    Choice::Nej => 1,
                    Choice::Avstar => 2,
                };
                totals[k] += 1;
                let mut row = vec![
                    self.name(&b.member),
                    self.member(&b.member)
                        .map(|m| m.party.clone())
                        .unwrap_or_default(),
                ];
                row.extend((0..3).map(|i| if i == k { "X".into() } else { String::new() }));
                row
            })
            .collect();
        let mut foot = vec![
            (if sv { "Summa" } else { "Total" }).to_string(),
            String::new(),
        ];
        foot.extend(totals.iter().map(u32::to_string));
        Table {
            caption: format!(
                "{} {n} ({title})",
                if sv {
                    "Voteringslista"
                } else {
                    "Roll-call list"
                }
            ),
            head: head.iter().map(|s| s.to_string()).collect(),
            rows,
            foot,
        }
    }
}

/// The minutes as a plain-text extract: a heading with the paragraph, the
/// case number, the case's title and the meeting's date, then every section.
pub fn minutes_text(case: &Case, decision: &Decision, lang: Lang) -> String {
    let m = minutes(case, decision, lang);
    let mut head = Vec::new();
    let numbers: Vec<&str> = [&case.meeting.paragraph, &case.meeting.case_number]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if !numbers.is_empty() {
        head.push(numbers.join("  "));
    }
    if !case.title.trim().is_empty() {
        head.push(case.title.trim().to_string());
    }
    if let Some(date) = case
        .meeting
        .date
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let body = Writer::new(case, lang).body();
        head.push(match lang {
            Lang::Sv => format!("{}, sammanträde {}", capitalize(&body), date.trim()),
            Lang::En => format!("{}, meeting of {}", capitalize(&body), date.trim()),
        });
    }
    if head.is_empty() {
        m.to_text()
    } else {
        format!("{}\n\n{}", head.join("\n"), m.to_text())
    }
}

/// Writes the minutes of a decided (or partly decided) case.
pub fn minutes(case: &Case, decision: &Decision, lang: Lang) -> Minutes {
    let w = Writer::new(case, lang);
    let sv = lang == Lang::Sv;
    let mut lists = Vec::new();
    let mut sections = vec![
        Section {
            title: (if sv {
                "Förslag till beslut på sammanträdet"
            } else {
                "Proposals at the meeting"
            })
            .into(),
            text: w.proposals_section(),
            table: None,
        },
        Section {
            title: (if sv {
                "Beslutsgång"
            } else {
                "Decision procedure"
            })
            .into(),
            text: w.procedure_section(decision, &mut lists),
            table: None,
        },
        Section {
            title: (if sv { "Beslut" } else { "Decision" }).into(),
            text: w.decision_section(decision),
            table: None,
        },
    ];
    let reservations = w.reservation_section();
    if !reservations.is_empty() {
        sections.push(Section {
            title: (if sv { "Reservation" } else { "Reservations" }).into(),
            text: reservations,
            table: None,
        });
    }
    for (i, (title, round)) in lists.iter().enumerate() {
        sections.push(Section {
            title: format!(
                "{} {}",
                if sv {
                    "Bilaga: voteringslista"
                } else {
                    "Appendix: roll-call list"
                },
                i + 1
            ),
            text: w.voting_list(i + 1, title, round),
            table: Some(w.voting_table(i + 1, title, round)),
        });
    }
    let missing = w.missing(decision);
    let notice = (!missing.is_empty()).then(|| {
        if sv {
            format!(
                "UTKAST – protokollet är inte färdigt: {}.",
                missing.join("; ")
            )
        } else {
            format!(
                "DRAFT – the minutes are not complete: {}.",
                missing.join("; ")
            )
        }
    });
    Minutes {
        sections,
        missing,
        notice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_words() {
        assert_eq!(genitive_sv("Amanda Andersson"), "Amanda Anderssons");
        assert_eq!(
            genitive_sv("Heidi Hankanen Ängberg"),
            "Heidi Hankanen Ängbergs"
        );
        assert_eq!(genitive_sv("Lars"), "Lars");
        assert_eq!(genitive_sv("Felix"), "Felix");
        assert_eq!(ordinal_sv(1), "första");
        assert_eq!(ordinal_sv(2), "andra");
        assert_eq!(ordinal_sv(13), "13:e");
        assert_eq!(number_sv(2), "två");
        assert_eq!(
            join_list(&["a".into(), "b".into(), "c".into()], "och"),
            "a, b och c"
        );
    }
}
