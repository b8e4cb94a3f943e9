//! A list of members as minutes and party lists write it, pasted as text:
//! one member a line, "Anna Andersson (S)", "Anna Andersson, S" or
//! "Anna Andersson⇥S", with what follows the party ("ordförande",
//! "tjänstgörande ersättare för Bo Berg (M)") telling a serving substitute
//! from a member. A line that is only a heading ("Ledamöter", "Tjänstgörande
//! ersättare") says what the lines under it are.

use crate::case::Member;
use crate::error::Error;
use serde::{Deserialize, Serialize};

/// One member as read from a line (without an id: see [`add_to`]); a
/// member of another case reads as one too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub name: String,
    #[serde(default)]
    pub party: String,
    #[serde(default)]
    pub substitute: bool,
}

/// Reads a pasted list of members. A line that names no one (a heading, a
/// blank line) is passed over; a line that cannot be read is an error that
/// names it.
pub fn parse_list(text: &str) -> Result<Vec<Listed>, Error> {
    let mut out = Vec::new();
    let mut substitutes = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches(['-', '•', '*']).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(subs) = heading(line) {
            substitutes = subs;
            continue;
        }
        let (name, party, rest) = split(line).ok_or_else(|| {
            Error::Invalid(format!(
                "line {}: ”{}” is not a member: write ”Namn (Parti)”, ”Namn, Parti” or the name and the party separated by a tab",
                n + 1,
                crate::text::excerpt(line, 60)
            ))
        })?;
        let rest = rest.to_lowercase();
        out.push(Listed {
            name,
            party,
            substitute: substitutes || (rest.contains("ersättare") && !rest.contains("ledamot")),
        });
    }
    Ok(out)
}

/// A heading line: `Some(true)` over substitutes, `Some(false)` over members.
fn heading(line: &str) -> Option<bool> {
    let l = line.trim_end_matches(':').to_lowercase();
    let words: Vec<&str> = l.split_whitespace().collect();
    let known = |w: &str| {
        matches!(
            w,
            "närvarande" | "tjänstgörande" | "beslutande" | "ordinarie" | "övriga"
        )
    };
    match words.as_slice() {
        [w] | [_, w] if words.iter().take(words.len() - 1).all(|x| known(x)) => match *w {
            "ledamöter" => Some(false),
            "ersättare" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

/// Name, party and what follows, from "Namn (Parti) …", "Namn, Parti, …" or
/// "Namn⇥Parti⇥…".
fn split(line: &str) -> Option<(String, String, String)> {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(open) = line.find('(') {
        let close = open + line[open..].find(')')?;
        let name = clean(&line[..open]);
        let party = clean(&line[open + 1..close]);
        let ok = !name.is_empty() && !party.is_empty() && party.chars().count() <= 12;
        return ok.then(|| (name, party, line[close + 1..].to_string()));
    }
    let mut fields = if line.contains('\t') {
        line.split('\t')
    } else {
        line.split(',')
    }
    .map(clean);
    let name = fields.next().filter(|n| !n.is_empty())?;
    let party = fields.next().unwrap_or_default();
    if party.chars().count() > 12 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some((name, party, fields.collect::<Vec<_>>().join(" ")))
}

/// Adds the listed members who are not among `members` yet (the same name,
/// whatever the case), each with an id of their initials. Returns how many
/// were added.
pub fn add_to(members: &mut Vec<Member>, listed: &[Listed]) -> usize {
    let mut added = 0;
    for l in listed {
        let same = |m: &Member| m.name.to_lowercase() == l.name.to_lowercase();
        if members.iter().any(same) {
            continue;
        }
        let id = new_id(members, &l.name);
        members.push(Member {
            id,
            name: l.name.clone(),
            party: l.party.clone(),
            substitute: l.substitute,
        });
        added += 1;
    }
    added
}

/// An id of the name's initials ("aa" for Amanda Andersson), numbered when
/// taken ("aa2").
pub(crate) fn new_id(members: &[Member], name: &str) -> String {
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect();
    let base = if initials.is_empty() {
        "m".to_string()
    } else {
        initials
    };
    let mut id = base.clone();
    let mut i = 2;
    while members.iter().any(|m| m.id == id) {
        id = format!("{base}{i}");
        i += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(name: &str, party: &str, substitute: bool) -> Listed {
        Listed {
            name: name.into(),
            party: party.into(),
            substitute,
        }
    }

    #[test]
    fn a_list_from_minutes() {
        let text = "Beslutande ledamöter\n\
            Daniel Filipsson (M), ordförande\n\
            Emily  Munter (V)\n\
            \n\
            Tjänstgörande ersättare:\n\
            Kent Lindberg (L) för Bo Berg (M)\n";
        assert_eq!(
            parse_list(text).unwrap(),
            [
                l("Daniel Filipsson", "M", false),
                l("Emily Munter", "V", false),
                l("Kent Lindberg", "L", true),
            ]
        );
    }

    #[test]
    fn commas_tabs_and_a_substitute_said_on_the_line() {
        let text = "Anna Andersson, S\nBo Berg\tM\ttjänstgörande ersättare\n- Cecilia Ek (C) tjg ersättare\n";
        assert_eq!(
            parse_list(text).unwrap(),
            [
                l("Anna Andersson", "S", false),
                l("Bo Berg", "M", true),
                l("Cecilia Ek", "C", true),
            ]
        );
    }

    #[test]
    fn a_line_that_is_no_member_is_named() {
        let e = parse_list("Anna Andersson (S)\n(S)\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("line 2: ”(S)” is not a member"), "{e}");
    }

    #[test]
    fn members_already_there_are_not_added_twice_and_ids_stay_unique() {
        let mut members = vec![Member {
            id: "aa".into(),
            name: "Amanda Andersson".into(),
            party: "MP".into(),
            substitute: false,
        }];
        let listed = [
            l("amanda andersson", "MP", false),
            l("Anna Axelsson", "S", false),
        ];
        assert_eq!(add_to(&mut members, &listed), 1);
        assert_eq!(members[1].id, "aa2");
        assert_eq!(add_to(&mut members, &listed), 0);
    }
}
