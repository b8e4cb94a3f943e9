//! House styles of the minutes: the choices in which municipalities phrase
//! the same step differently. A case carries them in `"style"`; each has a
//! default, the phrasing of the Alingsås minutes the project starts from,
//! and a case that leaves a choice out gets that default.
//!
//! | field | default | other |
//! |---|---|---|
//! | `tally` | `"short"`: "Med 11 ja-röster mot 2 nej-röster och 2 som avstår beslutar …" | `"long"`: "Omröstningsresultat: Med 11 ja-röster mot 2 nej-röster samt 2 ledamöter som avstår från att rösta beslutar …" |
//! | `today` | `"idag"` | `"i_dag"`: "i dag" |
//! | `fallen` | `"falls"`: "Därmed faller …" | `"has_fallen"`: "Därmed har … fallit." |
//! | `decision` | `"points"`: the base's points, then "Med bifall till … görs följande ändringar i …:" | `"adopted_with"`: the point that adopts ("… antas.") reads "… antas med de ändringar som följer av bifallet till …:" |
//! | `support` | `"separate"`: "X föreslår att Ys ändringsförslag bifalls." after the proposals | `"joined"`: "Y, med instämmande av X, föreslår …" |
//! | `motivations` | `false`: the wordings only | `true`: each wording followed by "Motivering: …" where the proposal has one |
//!
//! The English minutes follow the same choices where English has them
//! (the long tally, the adopted-with decision, joined support).

use serde::{Deserialize, Serialize};

/// The tally sentence of a roll call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TallyStyle {
    /// "Med 11 ja-röster mot 2 nej-röster och 2 som avstår beslutar …"
    #[default]
    Short,
    /// "Omröstningsresultat: Med 11 ja-röster mot 2 nej-röster samt 2
    /// ledamöter som avstår från att rösta beslutar …"
    Long,
}

/// "idag" or "i dag".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TodayStyle {
    #[default]
    Idag,
    IDag,
}

/// How proposals that fall with a decision are stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FallenStyle {
    /// "Därmed faller Emily Munters första ändringsförslag."
    #[default]
    Falls,
    /// "Därmed har Emily Munters första ändringsförslag fallit."
    HasFallen,
}

/// How the Beslut section states the adopted amendments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStyle {
    /// The base's points, then "Med bifall till … görs följande ändringar
    /// i …:" and the adopted wordings.
    #[default]
    Points,
    /// The base's points, the one that adopts ("… antas.") reading "… antas
    /// med de ändringar som följer av bifallet till …:", then the adopted
    /// wordings.
    AdoptedWith,
}

/// How support for another member's proposal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportStyle {
    /// A sentence of its own: "X föreslår att Ys första ändringsförslag
    /// bifalls."
    #[default]
    Separate,
    /// Joined to the proposal: "Y, med instämmande av X, föreslår …".
    Joined,
}

/// The house style of a case's minutes (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Style {
    #[serde(default)]
    pub tally: TallyStyle,
    #[serde(default)]
    pub today: TodayStyle,
    #[serde(default)]
    pub fallen: FallenStyle,
    #[serde(default)]
    pub decision: DecisionStyle,
    #[serde(default)]
    pub support: SupportStyle,
    /// Print each proposal's reasons (`amendments[].motivation`) after its
    /// wording: "Motivering: …".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub motivations: bool,
}

impl Style {
    /// Every choice at its default (then a case file leaves `"style"` out).
    pub fn is_default(&self) -> bool {
        *self == Style::default()
    }

    /// "idag" or "i dag".
    pub fn today(&self) -> &'static str {
        match self.today {
            TodayStyle::Idag => "idag",
            TodayStyle::IDag => "i dag",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_names_only_the_choices_it_changes() {
        let s: Style = serde_json::from_str(r#"{"tally": "long", "today": "i_dag"}"#).unwrap();
        assert_eq!(s.tally, TallyStyle::Long);
        assert_eq!(s.today(), "i dag");
        assert_eq!(s.decision, DecisionStyle::Points);
        assert!(!s.is_default());
        assert!(Style::default().is_default());
        let bad = serde_json::from_str::<Style>(r#"{"tally": "longest"}"#).unwrap_err();
        assert!(
            bad.to_string().contains("unknown variant `longest`"),
            "{bad}"
        );
    }
}
