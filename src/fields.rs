//! The fields of a case file: which ones amend knows, where, and what
//! becomes of the others.
//!
//! A case file may carry fields amend does not know: written by another
//! tool, by a newer version, or misspelt by hand (`"withdrawm": true`).
//! amend never uses them and never drops them: they are found when the file
//! is read ([`unknown`], with a "did you mean" for a near miss of a known
//! name), and put back where they were when the case is written again
//! ([`restore`]). An unknown field inside an amendment, a member or a
//! formal motion stays with that one (found again by its `id`), and goes
//! when it is deleted.
//!
//! The names a struct knows are serde's own (see [`names`]), so a field
//! added to the model is known here at once; [`shape`] says only which
//! field holds which struct.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::Serialize;
use serde_json::{Map, Value};

/// Where the fields of one struct of the case file are known.
#[derive(Debug, Clone, Serialize)]
pub struct Shape {
    /// The names serde reads for it.
    pub fields: &'static [&'static str],
    /// The fields that hold structs of their own: one, or a list of them.
    pub children: Vec<Child>,
}

/// A field of a [`Shape`] that holds one struct or a list of them.
#[derive(Debug, Clone, Serialize)]
pub struct Child {
    pub field: &'static str,
    pub list: bool,
    pub shape: Shape,
}

/// The names serde reads for struct `T`.
pub fn names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut probe = Probe(&[]);
    // it always fails: it only wants to hear the names
    let _ = T::deserialize(&mut probe);
    probe.0
}

fn shape<'de, T: Deserialize<'de>>(children: Vec<Child>) -> Shape {
    Shape {
        fields: names::<T>(),
        children,
    }
}

fn one(field: &'static str, shape: Shape) -> Child {
    Child {
        field,
        list: false,
        shape,
    }
}

fn list(field: &'static str, shape: Shape) -> Child {
    Child {
        field,
        list: true,
        shape,
    }
}

/// The case file's structure: which field holds which struct.
pub fn case_shape() -> Shape {
    use crate::amendment::{Amendment, Op};
    use crate::case::{BaseProposal, BaseSupport, Case, Meeting, Member, Plan};
    use crate::minutes::SectionEdit;
    use crate::procedure::{
        Ballot, Counts, FormalMotion, Procedure, Proposition, ProtocolNote, Reservation, RollCall,
        Round,
    };
    use crate::vote::style::Style;
    let round = || {
        shape::<Round>(vec![
            list("ballots", shape::<Ballot>(vec![])),
            one("counts", shape::<Counts>(vec![])),
        ])
    };
    let roll_call = shape::<RollCall>(vec![list("preliminary", round()), one("main", round())]);
    let procedure = shape::<Procedure>(vec![
        list("formal", shape::<FormalMotion>(vec![])),
        list(
            "propositions",
            shape::<Proposition>(vec![one("roll_call", roll_call)]),
        ),
        list("reservations", shape::<Reservation>(vec![])),
        list("protocol_notes", shape::<ProtocolNote>(vec![])),
    ]);
    shape::<Case>(vec![
        one("meeting", shape::<Meeting>(vec![])),
        one("plan", shape::<Plan>(vec![])),
        list("members", shape::<Member>(vec![])),
        one(
            "base",
            shape::<BaseProposal>(vec![list("supporters", shape::<BaseSupport>(vec![]))]),
        ),
        list(
            "amendments",
            shape::<Amendment>(vec![list("ops", shape::<Op>(vec![]))]),
        ),
        one("procedure", procedure),
        list("minutes_edits", shape::<SectionEdit>(vec![])),
        one("style", shape::<Style>(vec![])),
    ])
}

/// A field the case file has and amend does not know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unknown {
    /// Where it is, e.g. `amendments[v2].withdrawm`,
    /// `procedure.propositions[1].note` (a list's item by its `id`, or by
    /// its index from 0).
    pub path: String,
    /// The struct that holds it, step by step from the top.
    #[serde(skip)]
    pub holder: Vec<Step>,
    pub field: String,
    /// The known field of the same struct it is most likely a misspelling
    /// of.
    pub did_you_mean: Option<&'static str>,
    #[serde(skip)]
    pub value: Value,
}

/// One step from a struct to the one it holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Field(String),
    /// A list's item with this `id`.
    Id(String),
    /// A list's item without an id, by its index.
    Index(usize),
}

/// Every field of the case file `v` that amend does not know, in the file's
/// order.
pub fn unknown(v: &Value) -> Vec<Unknown> {
    let mut out = Vec::new();
    walk(v, &case_shape(), &mut Vec::new(), &mut out);
    out
}

fn walk(v: &Value, shape: &Shape, holder: &mut Vec<Step>, out: &mut Vec<Unknown>) {
    let Value::Object(map) = v else { return };
    for (k, value) in map {
        if !shape.fields.contains(&k.as_str()) {
            out.push(Unknown {
                path: path_of(holder, k),
                holder: holder.clone(),
                field: k.clone(),
                did_you_mean: nearest(k, shape.fields),
                value: value.clone(),
            });
            continue;
        }
        let Some(child) = shape.children.iter().find(|c| c.field == k) else {
            continue;
        };
        holder.push(Step::Field(k.clone()));
        if child.list {
            for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                holder.push(step_of(item, i));
                walk(item, &child.shape, holder, out);
                holder.pop();
            }
        } else {
            walk(value, &child.shape, holder, out);
        }
        holder.pop();
    }
}

fn step_of(item: &Value, index: usize) -> Step {
    match item.get("id").and_then(Value::as_str) {
        Some(id) => Step::Id(id.to_string()),
        None => Step::Index(index),
    }
}

fn path_of(holder: &[Step], field: &str) -> String {
    let mut s = String::new();
    for step in holder {
        match step {
            Step::Field(f) if s.is_empty() => s.push_str(f),
            Step::Field(f) => s.push_str(&format!(".{f}")),
            Step::Id(id) => s.push_str(&format!("[{id}]")),
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    if s.is_empty() {
        field.to_string()
    } else {
        format!("{s}.{field}")
    }
}

/// Puts the unknown fields back into `v`, a case written anew, each into the
/// struct it was in. A field whose struct is gone (a deleted amendment),
/// or whose name the case now uses, is left out.
pub fn restore(v: &mut Value, unknown: &[Unknown]) {
    for u in unknown {
        if let Some(Value::Object(map)) = find(v, &u.holder) {
            if !map.contains_key(&u.field) {
                map.insert(u.field.clone(), u.value.clone());
            }
        }
    }
}

/// The structs of a case that read from `{}` and are left out of it when
/// they hold only defaults.
const EMPTY_OK: &[&str] = &["procedure", "style", "meeting", "base"];

fn find<'v>(v: &'v mut Value, holder: &[Step]) -> Option<&'v mut Value> {
    let Some((step, rest)) = holder.split_first() else {
        return Some(v);
    };
    let next = match step {
        // a struct the case leaves out when it is all defaults comes back
        // to hold its unknown fields
        Step::Field(f) if EMPTY_OK.contains(&f.as_str()) => v
            .as_object_mut()?
            .entry(f.as_str())
            .or_insert_with(|| Value::Object(Map::new())),
        Step::Field(f) => v.as_object_mut()?.get_mut(f)?,
        Step::Index(i) => v.as_array_mut()?.get_mut(*i)?,
        Step::Id(id) => v
            .as_array_mut()?
            .iter_mut()
            .find(|item| item.get("id").and_then(Value::as_str) == Some(id))?,
    };
    find(next, rest)
}

/// The case `case` as pretty-printed JSON, with the unknown fields of the
/// file it was read from put back.
pub fn to_json_keeping<T: Serialize>(case: &T, unknown: &[Unknown]) -> String {
    let mut v = serde_json::to_value(case).unwrap_or(Value::Object(Map::new()));
    restore(&mut v, unknown);
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// The known name `name` is most likely a misspelling of: at most one edit
/// away (two for names of six letters or more), or the same but for case,
/// `-` for `_` or a plural `s`.
pub fn nearest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let folded = |s: &str| s.to_lowercase().replace('-', "_");
    let n = folded(name);
    let limit = if n.chars().count() >= 6 { 2 } else { 1 };
    known
        .iter()
        .map(|k| {
            let f = folded(k);
            let d = if f == n || f == format!("{n}s") || n == format!("{f}s") {
                0
            } else {
                edits(&n, &f)
            };
            (d, *k)
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // three rows of the table: two back, one back, this one
    let mut rows = vec![vec![0usize; b.len() + 1]; 3];
    rows[1] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        rows[2][0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[1][j] + 1)
                .min(rows[2][j - 1] + 1)
                .min(rows[1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[0][j - 2] + 1);
            }
            rows[2][j] = d;
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

/// A deserializer that only listens for the names of the struct asked for.
struct Probe(&'static [&'static str]);

impl<'de> Deserializer<'de> for &mut Probe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("names heard"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serde_tells_the_names_renames_included() {
        let op = names::<crate::Op>();
        assert!(op.contains(&"as") && op.contains(&"quote"), "{op:?}");
        assert!(!op.contains(&"insert_as"));
    }

    #[test]
    fn misspellings_are_found_and_named() {
        let v = json!({
            "format": "amend/1", "title": "T", "notes": "x",
            "plan": {"text": "# P\n"},
            "members": [{"id": "m", "name": "M", "party": "S", "email": "m@x.se"}],
            "amendments": [{"id": "a1", "proposer": "m", "kind": "change", "wording": "",
                "ops": [{"action": "delete", "qoute": "x"}], "withdrawm": true}],
            "procedure": {"propositions": [{"alternatives": [], "roll_call":
                {"main": {"counts": {"ja": 1, "nej": 2, "avstår": 0}}}}]}
        });
        let found: Vec<(String, Option<&str>)> = unknown(&v)
            .into_iter()
            .map(|u| (u.path, u.did_you_mean))
            .collect();
        assert_eq!(
            found,
            [
                ("notes".to_string(), None),
                ("members[m].email".to_string(), None),
                ("amendments[a1].ops[0].qoute".to_string(), Some("quote")),
                ("amendments[a1].withdrawm".to_string(), Some("withdrawn")),
                (
                    "procedure.propositions[0].roll_call.main.counts.avstår".to_string(),
                    Some("avstar")
                ),
            ]
        );
    }

    #[test]
    fn unknown_fields_go_back_where_they_were_and_go_with_their_holder() {
        let v = json!({
            "format": "amend/1", "title": "T", "x-tool": {"version": 3},
            "plan": {"text": "# P\n"},
            "amendments": [
                {"id": "a1", "proposer": "m", "kind": "change", "wording": "", "ops": [], "x-note": 1},
                {"id": "a2", "proposer": "m", "kind": "change", "wording": "", "ops": [], "x-note": 2}
            ]
        });
        let u = unknown(&v);
        // written anew: a2 deleted, a1 now second
        let mut saved = json!({
            "format": "amend/1", "title": "T", "plan": {"text": "# P\n"},
            "amendments": [
                {"id": "a3", "proposer": "m", "kind": "change", "wording": "", "ops": []},
                {"id": "a1", "proposer": "m", "kind": "change", "wording": "", "ops": []}
            ]
        });
        restore(&mut saved, &u);
        assert_eq!(saved["x-tool"], json!({"version": 3}));
        assert_eq!(saved["amendments"][1]["x-note"], json!(1));
        assert!(saved["amendments"][0].get("x-note").is_none());
        assert_eq!(unknown(&saved).len(), 2);
    }

    #[test]
    fn every_field_amend_writes_is_known() {
        let c = crate::Case::from_json(include_str!("../examples/alingsas-ks-2023-217/case.json"))
            .unwrap();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(unknown(&v), []);
    }

    #[test]
    fn near_misses_only() {
        let known = &["withdrawn", "wording", "ops", "id"];
        assert_eq!(nearest("withdrawm", known), Some("withdrawn"));
        assert_eq!(nearest("Wording", known), Some("wording"));
        assert_eq!(nearest("op", known), Some("ops"));
        assert_eq!(nearest("email", known), None);
        assert_eq!(nearest("idx", known), Some("id"));
        assert_eq!(nearest("notes", known), None);
    }
}
