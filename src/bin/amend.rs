//! `amend`: the command-line tool over the amend core.

// Failures are built only on the way out; their size does not matter.
#![allow(clippy::result_large_err)]

use amend::apply::Applied;
use amend::case::Case;
use amend::diff::Tag;
use amend::doc::{Document, SourceFormat};
use amend::render::{self, Lang};
use amend::{Error, Run};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Amendments to a plan text: locate them, list conflicts, apply the adopted
/// ones with tracked changes, and write the minutes of the vote.
#[derive(Parser)]
#[command(name = "amend", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Locate every amendment and list every conflict and identical pair.
    ///
    /// Conflicts between tabled proposals are normal and are only reported;
    /// the exit code is 1 only when an amendment cannot be located, and 2 when
    /// the case cannot be read.
    Check {
        /// The case file (amend/1 JSON).
        case: PathBuf,
    },
    /// Start a case from a plan: a Markdown, text, .docx or PDF file (the
    /// format is told by the file's content).
    ///
    /// The case (amend/1 JSON) is written to -o, or printed. What amend had
    /// to decide while reading (Word's tracked changes accepted, comments
    /// left out) is said on standard error.
    New {
        /// The plan file.
        plan: PathBuf,
        /// The case's title (default: the plan's first heading).
        #[arg(long)]
        title: Option<String>,
        /// Where to write the case.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the text with the adopted amendments applied.
    Apply {
        case: PathBuf,
        #[command(flatten)]
        adopt: Adopt,
        /// Output format (docx needs -o).
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the tracked changes of the adopted amendments.
    Track {
        case: PathBuf,
        #[command(flatten)]
        adopt: Adopt,
        /// Output format (default: colour on a terminal, CriticMarkup otherwise).
        #[arg(long, value_enum)]
        format: Option<TrackFormat>,
        /// Language of labels in HTML.
        #[arg(long, default_value = "sv")]
        lang: Lang,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Run the recorded vote: print the adopted text and the minutes.
    Decide {
        case: PathBuf,
        /// Language of the minutes.
        #[arg(long, default_value = "sv")]
        lang: Lang,
        /// Format of the adopted text.
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    /// Print only the minutes of the recorded vote, as text, or write them
    /// as an HTML page or a Word document for the protocol.
    ///
    /// Minutes in which a tabled proposal was never decided are a draft:
    /// refused (exit 1, naming what is missing) unless --draft is given,
    /// and then marked as one in every format ("UTKAST – …" first).
    Minutes {
        case: PathBuf,
        /// Language of the minutes.
        #[arg(long, default_value = "sv")]
        lang: Lang,
        /// Write the minutes even when they are a draft, marked as one.
        #[arg(long)]
        draft: bool,
        /// Output format: text (the sections), html (a page to read and
        /// print: the head, the sections, each voteringslista a table) or
        /// docx (the same as a Word document; needs -o).
        #[arg(long, value_enum, default_value_t = MinutesFormat::Text)]
        format: MinutesFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the case's members, or add those of a pasted list (one a line:
    /// "Namn (Parti)", "Namn, Parti" or name⇥party; a heading line
    /// "Tjänstgörande ersättare" over the substitutes).
    Members {
        case: PathBuf,
        /// A text file of members to add (those already there are left).
        #[arg(long, value_name = "LIST")]
        add: Option<PathBuf>,
        /// Write the case here instead of to standard output (with --add).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a member's proposals as a draft (the plan's fingerprint, the
    /// proposals and the members they name, not the plan), to send to the
    /// secretary for `amend merge`.
    Draft {
        case: PathBuf,
        /// Only this member's proposals (their id); all when left out.
        #[arg(long)]
        member: Option<String>,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Bring drafts (or other case files) into a case: members matched by
    /// name, proposals already there recognised, those re-sent by their
    /// proposer with a change updated (the secretary's note kept), clashing
    /// ids renumbered, proposals drafted on another version of the plan
    /// located again. What
    /// became of each is said on standard error; the exit code is 1 when a
    /// proposal's passage is not found in this version of the plan (it is
    /// kept, to be settled).
    Merge {
        case: PathBuf,
        /// Draft files (`amend draft`, or the app's "Mina förslag") or case files.
        #[arg(required = true)]
        drafts: Vec<PathBuf>,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Carry a case to a new version of its plan (a plan file of any
    /// format): every proposal located again; those whose passage is not
    /// found are listed with the old passage and the closest the new version
    /// has, kept as they are, and the exit code is 1.
    Rebase {
        case: PathBuf,
        /// The new version of the plan.
        plan: PathBuf,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the default order of propositions (propositionsordning) as JSON,
    /// ready to put under "procedure" → "propositions".
    Order { case: PathBuf },
    /// Compare two versions of a plan by their content: line wrapping,
    /// hyphenation at line ends, page numbers and page breaks are not
    /// changes; a moved paragraph is named on standard error. Exit 0 when
    /// the content is the same, 1 when it differs.
    Diff {
        /// The old version: a plan file of any format amend reads (.docx,
        /// PDF, Markdown, text) or a case file (its plan).
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        #[arg(long, value_enum)]
        format: Option<TrackFormat>,
        /// Compare the two files' texts as they are, word by word, line
        /// breaks and all.
        #[arg(long)]
        raw: bool,
    },
    /// List the plan's blocks with their numbers, or correct how the plan
    /// was read: make a block a heading or a paragraph, join a paragraph cut
    /// in two, split two run together.
    ///
    /// With a correction the corrected case is written to -o, or printed;
    /// the amendments that no longer locate in the corrected plan are named
    /// on standard error (they are kept as they are), and the exit code is
    /// then 1.
    Plan {
        /// The case file (amend/1 JSON).
        case: PathBuf,
        #[command(flatten)]
        edit: PlanEditArgs,
        /// Where to write the corrected case.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// One correction of the plan; blocks are numbered from 1, as `amend plan
/// CASE` lists them.
#[derive(clap::Args)]
struct PlanEditArgs {
    /// Make block N a heading (of --level).
    #[arg(long, value_name = "N", group = "plan_edit")]
    heading: Option<usize>,
    /// The heading's level, 1 (the title) to 6.
    #[arg(long, value_name = "L", requires = "heading", default_value_t = 2)]
    level: u8,
    /// Make block N a paragraph of body text.
    #[arg(long, value_name = "N", group = "plan_edit")]
    paragraph: Option<usize>,
    /// Make block N a list item (its number or letter, or a bullet).
    #[arg(long, value_name = "N", group = "plan_edit")]
    list_item: Option<usize>,
    /// Join block N with the next one.
    #[arg(long, value_name = "N", group = "plan_edit")]
    join: Option<usize>,
    /// Split block N in two, before the text --at (or character --at-char).
    #[arg(long, value_name = "N", group = "plan_edit")]
    split: Option<usize>,
    /// Where to split: the text the second part starts with.
    #[arg(
        long,
        value_name = "TEXT",
        requires = "split",
        conflicts_with = "at_char"
    )]
    at: Option<String>,
    /// Where to split: the character the second part starts with (from 0).
    #[arg(long, value_name = "K", requires = "split")]
    at_char: Option<usize>,
    /// Remove block N (a running header or a page number read as text).
    #[arg(long, value_name = "N", group = "plan_edit")]
    remove: Option<usize>,
}

#[derive(clap::Args)]
struct Adopt {
    /// Ids of the adopted amendments, comma-separated (none: the original text).
    #[arg(long, value_delimiter = ',')]
    adopt: Vec<String>,
    /// WINNER:LOSER — when two adopted amendments conflict, WINNER's change
    /// stands and LOSER is left out. May be repeated.
    #[arg(long, value_parser = parse_prefer)]
    prefer: Vec<(String, String)>,
}

fn parse_prefer(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((w, l)) if !w.is_empty() && !l.is_empty() => Ok((w.to_string(), l.to_string())),
        _ => Err(format!("”{s}” is not WINNER:LOSER (for example mp2:v1)")),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum TextFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// A standalone HTML page.
    Html,
    /// A Word document (.docx).
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
enum MinutesFormat {
    /// Plain text: every section, a draft's notice first.
    Text,
    /// A standalone HTML page, for reading and printing.
    Html,
    /// A Word document (.docx).
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
enum TrackFormat {
    /// CriticMarkup: {++ ++} {-- --} {~~ ~> ~~} with the proposer as a comment.
    Critic,
    /// HTML with <ins>/<del> carrying the proposer.
    Html,
    /// Colour for a terminal.
    Color,
    /// A Word document (.docx) in which every change is a Word revision by
    /// its proposer.
    Docx,
}

/// An error with where it came from, printed rustc-style.
struct Failure {
    file: Option<PathBuf>,
    error: Error,
}

fn report(f: &Failure) {
    let mut err = std::io::stderr().lock();
    let color = std::io::stderr().is_terminal();
    let (red, bold, blue, reset) = if color {
        ("\x1b[1;31m", "\x1b[1m", "\x1b[1;34m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let _ = writeln!(err, "{red}error{reset}{bold}: {}{reset}", f.error);
    if let Some(file) = &f.file {
        let _ = writeln!(err, "  {blue}-->{reset} {}", file.display());
    }
    if let Some(help) = f.error.help() {
        let _ = writeln!(err, "   {blue}={reset} {bold}help{reset}: {help}");
    }
}

fn read(path: &Path) -> Result<String, Failure> {
    utf8(path, read_bytes(path)?)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure {
        file: Some(path.to_path_buf()),
        error: Error::Invalid(format!("cannot read {}: {e}", path.display())),
    })
}

/// The bytes read from `path` as text.
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| Failure {
        file: Some(path.to_path_buf()),
        error: Error::NotText {
            line: 0,
            what: format!(
                "byte that is not UTF-8 at offset {}",
                e.utf8_error().valid_up_to()
            ),
        },
    })
}

fn load(path: &Path) -> Result<Case, Failure> {
    Ok(load_keeping(path)?.0)
}

/// A case file, and the fields in it that amend does not know (kept, to be
/// written back with [`amend::fields::to_json_keeping`]).
fn load_keeping(path: &Path) -> Result<(Case, Vec<amend::fields::Unknown>), Failure> {
    Case::from_json_keeping(&read(path)?).map_err(|error| Failure {
        file: Some(path.to_path_buf()),
        error,
    })
}

/// `amend members`: the list, or the case with a pasted list's members added.
fn members(path: &Path, add: Option<&Path>, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let (mut c, unknown) = load_keeping(path)?;
    let Some(list) = add else {
        let mut o = String::new();
        for m in &c.members {
            let role = if m.substitute { "  ersättare" } else { "" };
            o.push_str(&format!("{:<8} {}{role}\n", m.id, m.label()));
        }
        out(&o);
        return Ok(ExitCode::SUCCESS);
    };
    let listed = amend::vote::members::parse_list(&read(list)?).map_err(|error| Failure {
        file: Some(list.to_path_buf()),
        error,
    })?;
    let added = amend::vote::members::add_to(&mut c.members, &listed);
    eprintln!(
        "note: {added} of {} listed members added ({} already there)",
        listed.len(),
        listed.len() - added
    );
    write_text(output, &amend::fields::to_json_keeping(&c, &unknown))
}

fn merge(path: &Path, drafts: &[PathBuf], output: Option<&Path>) -> Result<ExitCode, Failure> {
    let (mut c, unknown) = load_keeping(path)?;
    let mut read_drafts = Vec::new();
    for d in drafts {
        read_drafts.push(
            amend::drafts::Draft::from_json(&read(d)?).map_err(|error| Failure {
                file: Some(d.clone()),
                error,
            })?,
        );
    }
    let report = amend::drafts::merge(&mut c, &read_drafts).map_err(|error| Failure {
        file: Some(path.to_path_buf()),
        error,
    })?;
    for m in &report {
        let file = drafts[m.draft].display();
        let what = match &m.outcome {
            amend::drafts::Outcome::Added => "added".to_string(),
            amend::drafts::Outcome::Renamed { from } => {
                format!("added as {} (the case has another {from})", m.id)
            }
            amend::drafts::Outcome::AlreadyThere { as_id } => format!("already there as {as_id}"),
            amend::drafts::Outcome::Updated { fields } => {
                format!("updated: its {} changed", fields.join(", "))
            }
        };
        let id = match &m.outcome {
            amend::drafts::Outcome::Renamed { from } => from,
            _ => &m.id,
        };
        eprintln!("{file}: {id}: {what}");
        match &m.other_version {
            Some(None) => eprintln!("  note: drafted on another version of the plan; located in this one"),
            Some(Some(why)) => eprintln!("  warning: drafted on another version of the plan and not located in this one: {why}"),
            None => {}
        }
    }
    write_text(output, &amend::fields::to_json_keeping(&c, &unknown))?;
    Ok(if report.iter().any(amend::drafts::Merged::needs_look) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn rebase(path: &Path, plan: &Path, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let (mut c, unknown) = load_keeping(path)?;
    let PlanFile {
        text,
        format,
        docx,
        marks,
        ..
    } = read_plan_noted(plan)?;
    let new_plan = amend::case::Plan {
        format,
        text,
        docx: docx.map(|p| amend::export::docx_package::encode(&p)),
        marks: Vec::new(),
    };
    let fail = |error| Failure {
        file: Some(plan.to_path_buf()),
        error,
    };
    let moved = amend::drafts::rebase(&mut c, new_plan).map_err(fail)?;
    let mut doc = c.document().map_err(fail)?;
    c.set_read_marks(&mut doc, &marks);
    for m in &moved {
        eprintln!("{}: its passage is not where it was: {}", m.id, m.message);
        eprintln!("  was: ”{}”", m.old);
        match &m.new {
            Some(n) => eprintln!("  the new version has: ”{}”", short_at(n, 200)),
            None => eprintln!("  the new version has nothing close to it"),
        }
    }
    eprintln!(
        "note: {} of {} proposals located in the new version",
        c.active().count() - moved.len(),
        c.active().count()
    );
    write_text(output, &amend::fields::to_json_keeping(&c, &unknown))?;
    Ok(if moved.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `amend minutes`: the minutes in `format`, to `output` or standard output
/// (a .docx only to a file); a draft only with `draft`.
fn minutes(
    path: &Path,
    lang: Lang,
    draft: bool,
    format: MinutesFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let (c, decision, _, _) = decide(path)?;
    let minutes = amend::minutes::minutes(&c, &decision, lang);
    if minutes.is_draft() && !draft {
        warn_draft(path, &minutes, "error");
        eprintln!(
            "hint: record how each was decided, or write the minutes as a draft with --draft"
        );
        return Ok(ExitCode::from(1));
    }
    warn_draft(path, &minutes, "warning");
    match format {
        MinutesFormat::Text => write_text(output, &minutes.to_text()),
        MinutesFormat::Html => {
            write_text(output, &amend::export::minutes::html(&c, &minutes, lang))
        }
        MinutesFormat::Docx => {
            write_binary(output, &amend::export::minutes::docx(&c, &minutes, lang))
        }
    }
}

/// Says what keeps the minutes from being complete, one line each.
fn warn_draft(path: &Path, minutes: &amend::minutes::Minutes, level: &str) {
    if !minutes.is_draft() {
        return;
    }
    eprintln!(
        "{level}: {}: the minutes are a draft: {} proposal{} never decided",
        path.display(),
        minutes.missing.len(),
        if minutes.missing.len() == 1 {
            " was"
        } else {
            "s were"
        }
    );
    for m in &minutes.missing {
        eprintln!("  {m}");
    }
}

/// Warns of each field of the case file that amend does not know: it is
/// kept as it is, and not used.
fn warn_unknown(path: &Path, unknown: &[amend::fields::Unknown]) {
    for u in unknown {
        let hint = u
            .did_you_mean
            .map(|k| format!(" (did you mean ”{k}”?)"))
            .unwrap_or_default();
        eprintln!(
            "warning: {}: unknown field ”{}”{hint}: not used, kept as it is",
            path.display(),
            u.path
        );
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(f) => {
            report(&f);
            ExitCode::from(2)
        }
    }
}

fn out(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Check { case } => check(&case),
        Command::New {
            plan,
            title,
            output,
        } => new_case(&plan, title, output.as_deref()),
        Command::Apply {
            case,
            adopt,
            format,
            output,
        } => {
            let (c, doc, applied) = adopted(&case, &adopt)?;
            if let TextFormat::Docx = format {
                let bytes = docx_of(&case, &c, &doc, &applied, false)?;
                return write_binary(output.as_deref(), &bytes);
            }
            write_text(
                output.as_deref(),
                &text_in(&c, &doc, &applied, format, Lang::Sv),
            )
        }
        Command::Track {
            case,
            adopt,
            format,
            lang,
            output,
        } => {
            let (c, doc, applied) = adopted(&case, &adopt)?;
            if let Some(TrackFormat::Docx) = format {
                let bytes = docx_of(&case, &c, &doc, &applied, true)?;
                return write_binary(output.as_deref(), &bytes);
            }
            let labels = render::labels(&c, lang);
            if let Some(path) = output.as_deref() {
                let format = format.unwrap_or(TrackFormat::Critic);
                let text = tracked_text(&c.title, &applied.runs, &labels, format, lang);
                return write_text(Some(path), &text);
            }
            print_tracked(&c.title, &applied.runs, &labels, format, lang);
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide { case, lang, format } => {
            let (c, decision, doc, applied) = decide(&case)?;
            let minutes = amend::minutes::minutes(&c, &decision, lang);
            warn_draft(&case, &minutes, "warning");
            let text = text_in(&c, &doc, &applied, format, lang);
            out(&text);
            out("\n");
            out(&"=".repeat(72));
            out("\n\n");
            out(&minutes.to_text());
            Ok(ExitCode::SUCCESS)
        }
        Command::Minutes {
            case,
            lang,
            draft,
            format,
            output,
        } => minutes(&case, lang, draft, format, output.as_deref()),
        Command::Members { case, add, output } => members(&case, add.as_deref(), output.as_deref()),
        Command::Order { case } => {
            let c = load(&case)?;
            let order = amend::procedure::default_order(&c).map_err(|error| Failure {
                file: Some(case.clone()),
                error,
            })?;
            out(&(serde_json::to_string_pretty(&order).unwrap_or_default() + "\n"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { case, edit, output } => plan(&case, &edit, output.as_deref()),
        Command::Draft {
            case,
            member,
            output,
        } => {
            let c = load(&case)?;
            let doc = c.document().map_err(|error| Failure {
                file: Some(case.clone()),
                error,
            })?;
            let d = amend::drafts::Draft::of(&c, &doc, member.as_deref());
            if d.amendments.is_empty() {
                eprintln!(
                    "warning: {}: no proposals to put in the draft",
                    case.display()
                );
            }
            write_text(output.as_deref(), &d.to_json())
        }
        Command::Merge {
            case,
            drafts,
            output,
        } => merge(&case, &drafts, output.as_deref()),
        Command::Rebase { case, plan, output } => rebase(&case, &plan, output.as_deref()),
        Command::Diff {
            old,
            new,
            format,
            raw,
        } => {
            let chunks = if raw {
                amend::diff::compare(&text_of(&old)?, &text_of(&new)?)
            } else {
                let v = amend::plan::versions::compare_versions(&plan_of(&old)?, &plan_of(&new)?);
                for m in &v.moved {
                    eprintln!(
                        "moved: block {} → {}: {}",
                        m.from + 1,
                        m.to + 1,
                        short(&m.text)
                    );
                }
                v.chunks
            };
            let runs: Vec<Run> = chunks
                .into_iter()
                .map(|c| Run {
                    tag: c.tag,
                    text: c.text,
                    by: vec![],
                    em: Default::default(),
                })
                .collect();
            let title = format!("{} → {}", old.display(), new.display());
            print_tracked(&title, &runs, &render::Labels::new(), format, Lang::Sv);
            let changed = runs.iter().any(|r| r.tag != Tag::Equal);
            Ok(if changed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// A plan file of any format, or a case file's plan, read as a plan.
fn plan_of(path: &Path) -> Result<Document, Failure> {
    let fail = |error| Failure {
        file: Some(path.to_path_buf()),
        error,
    };
    let bytes = read_bytes(path)?;
    if bytes.trim_ascii_start().starts_with(b"{") {
        let case = Case::from_json(&utf8(path, bytes)?).map_err(fail)?;
        return case.document().map_err(fail);
    }
    let PlanFile { text, format, .. } = plan_file(path, bytes)?;
    Document::parse(&text, format).map_err(fail)
}

/// The start of a long text, for a message.
fn short(text: &str) -> String {
    short_at(text, 60)
}

fn short_at(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// A text file, or a case file's plan text.
fn text_of(path: &Path) -> Result<String, Failure> {
    let s = read(path)?;
    if s.trim_start().starts_with('{') {
        if let Ok(c) = Case::from_json(&s) {
            return Ok(c.plan.text);
        }
    }
    Ok(s)
}

/// Loads a case and applies the adopted amendments.
fn adopted(path: &Path, adopt: &Adopt) -> Result<(Case, Document, Applied), Failure> {
    let c = load(path)?;
    let (doc, applied) = c
        .apply(&adopt.adopt, &adopt.prefer)
        .map_err(|error| Failure {
            file: Some(path.to_path_buf()),
            error,
        })?;
    note_dropped(&applied);
    Ok((c, doc, applied))
}

/// The adopted text in the asked format (not .docx, which is binary).
fn text_in(c: &Case, doc: &Document, applied: &Applied, format: TextFormat, lang: Lang) -> String {
    match format {
        TextFormat::Text | TextFormat::Docx => render::plain_text(&applied.text),
        TextFormat::Markdown => amend::export::markdown(doc, applied),
        TextFormat::Html => render::html_accepted(&c.title, &applied.runs, lang),
    }
}

/// The plan as a .docx file: clean, or with every change as a Word revision;
/// written into the package the plan was read from when the case keeps it.
fn docx_of(
    path: &Path,
    c: &Case,
    doc: &Document,
    applied: &Applied,
    tracked: bool,
) -> Result<Vec<u8>, Failure> {
    amend::export::docx_package::case_docx(c, doc, applied, tracked).map_err(|e| Failure {
        file: Some(path.to_path_buf()),
        error: Error::Invalid(format!(
            "plan.docx: {e}; remove the field to export a .docx written anew"
        )),
    })
}

fn write_binary(path: Option<&Path>, bytes: &[u8]) -> Result<ExitCode, Failure> {
    let Some(path) = path else {
        return Err(Failure {
            file: None,
            error: Error::Invalid(
                "a .docx file is not written to the terminal: give a file with -o FILE.docx".into(),
            ),
        });
    };
    std::fs::write(path, bytes).map_err(|e| Failure {
        file: Some(path.to_path_buf()),
        error: Error::Invalid(format!("could not write the file: {e}")),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn write_text(path: Option<&Path>, text: &str) -> Result<ExitCode, Failure> {
    match path {
        Some(p) => write_binary(Some(p), text.as_bytes()),
        None => {
            out(text);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A plan file read: its text, format and notes, and the .docx package
/// itself when it is one.
struct PlanFile {
    text: String,
    format: SourceFormat,
    notes: Vec<String>,
    docx: Option<Vec<u8>>,
    /// The emphasis the reader found, over byte ranges of `text`.
    marks: Vec<amend::plan::emphasis::Mark>,
}

/// [`read_plan`], saying on standard error what the reader noted.
fn read_plan_noted(path: &Path) -> Result<PlanFile, Failure> {
    let read = read_plan(path)?;
    for n in &read.notes {
        eprintln!("note: {}: {n}", path.display());
    }
    Ok(read)
}

/// Reads a plan file of any format amend knows, told by its content: a
/// .docx (a zip holding word/document.xml), a PDF, or text (Markdown if a
/// line starts with "# " or the name ends in .md).
fn read_plan(path: &Path) -> Result<PlanFile, Failure> {
    plan_file(path, read_bytes(path)?)
}

/// [`read_plan`] of the bytes already read from `path`.
fn plan_file(path: &Path, bytes: Vec<u8>) -> Result<PlanFile, Failure> {
    let fail = |error: Error| Failure {
        file: Some(path.to_path_buf()),
        error,
    };
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if bytes.starts_with(b"PK\x03\x04") || ole {
        let read = amend::plan::docx::read_docx(&bytes)
            .map_err(|e| fail(Error::Invalid(e.to_string())))?;
        let notes = read.notes.iter().map(|n| n.message()).collect();
        return Ok(PlanFile {
            text: read.text,
            format: SourceFormat::Docx,
            notes,
            docx: Some(bytes),
            marks: read.marks,
        });
    }
    if bytes.starts_with(b"%PDF-") {
        let read =
            amend::plan::pdf::read_pdf(&bytes).map_err(|e| fail(Error::Invalid(e.to_string())))?;
        return Ok(PlanFile {
            text: read.text,
            format: SourceFormat::Pdf,
            notes: read.notes.iter().map(|n| n.message()).collect(),
            docx: None,
            marks: read.marks,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(Error::Invalid(format!(
            "not a .docx, a PDF or UTF-8 text (byte {} is not UTF-8)",
            e.utf8_error().valid_up_to()
        )))
    })?;
    let md = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"));
    Ok(PlanFile {
        text,
        format: if md {
            SourceFormat::Markdown
        } else {
            SourceFormat::Auto
        },
        notes: vec![],
        docx: None,
        marks: vec![],
    })
}

fn new_case(
    plan: &Path,
    title: Option<String>,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let PlanFile {
        text,
        format,
        docx,
        marks,
        ..
    } = read_plan_noted(plan)?;
    let doc = Document::parse(&text, format).map_err(|error| Failure {
        file: Some(plan.to_path_buf()),
        error,
    })?;
    let title = title.unwrap_or_else(|| {
        doc.blocks
            .iter()
            .find(|b| b.level().is_some())
            .map_or_else(|| "Plan".to_string(), |b| b.text.clone())
    });
    let mut case = Case::new(&title, &text);
    case.plan.format = format;
    case.plan.docx = docx.map(|p| amend::export::docx_package::encode(&p));
    let mut doc = doc;
    case.set_read_marks(&mut doc, &marks);
    write_text(output, &case.to_json())
}

/// Runs the case's recorded procedure and applies what it adopted.
fn decide(path: &Path) -> Result<(Case, amend::procedure::Decision, Document, Applied), Failure> {
    let c = load(path)?;
    let fail = |error| Failure {
        file: Some(path.to_path_buf()),
        error,
    };
    let decision = amend::procedure::decide(&c).map_err(fail)?;
    for w in &decision.warnings {
        eprintln!("warning: {w}");
    }
    let (doc, applied) = c.apply(&decision.adopted, &[]).map_err(fail)?;
    Ok((c, decision, doc, applied))
}

fn note_dropped(a: &Applied) {
    for (loser, winner) in &a.dropped {
        eprintln!("note: {loser} is left out: it conflicts with {winner}, which wins");
    }
}

fn print_tracked(
    title: &str,
    runs: &[Run],
    labels: &render::Labels,
    format: Option<TrackFormat>,
    lang: Lang,
) {
    let format = format.unwrap_or(if std::io::stdout().is_terminal() {
        TrackFormat::Color
    } else {
        TrackFormat::Critic
    });
    out(&tracked_text(title, runs, labels, format, lang));
}

/// Tracked changes as text (every format but .docx).
fn tracked_text(
    title: &str,
    runs: &[Run],
    labels: &render::Labels,
    format: TrackFormat,
    lang: Lang,
) -> String {
    match format {
        TrackFormat::Critic | TrackFormat::Docx => render::critic_markup(runs, labels),
        TrackFormat::Html => render::html_tracked(title, runs, labels, lang),
        TrackFormat::Color => render::ansi(runs, labels),
    }
}

fn check(path: &Path) -> Result<ExitCode, Failure> {
    let (c, unknown) = load_keeping(path)?;
    warn_unknown(path, &unknown);
    let an = c.analyze().map_err(|error| Failure {
        file: Some(path.to_path_buf()),
        error,
    })?;
    out(&amend::check::report(&c, &an, &path.display().to_string()));
    for e in &an.errors {
        report(&Failure {
            file: Some(path.to_path_buf()),
            error: e.clone(),
        });
    }
    Ok(if an.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

// ---- amend plan: the blocks, and corrections ----

/// The correction asked for, if any (block numbers from 1 become indices).
fn plan_edit(
    args: &PlanEditArgs,
    blocks: usize,
) -> Result<Option<amend::plan::edit::PlanEdit>, Error> {
    use amend::plan::edit::{PlanEdit, SplitAt};
    let given = [
        args.heading,
        args.paragraph,
        args.list_item,
        args.join,
        args.split,
        args.remove,
    ];
    if given.contains(&Some(0)) {
        return Err(Error::NoSuchBlock { number: 0, blocks });
    }
    // block number N as an index
    let index = |n: usize| n - 1;
    Ok(Some(if let Some(n) = args.heading {
        PlanEdit::Heading {
            block: index(n),
            level: args.level,
        }
    } else if let Some(n) = args.paragraph {
        PlanEdit::Paragraph { block: index(n) }
    } else if let Some(n) = args.list_item {
        PlanEdit::ListItem { block: index(n) }
    } else if let Some(n) = args.join {
        PlanEdit::Join { block: index(n) }
    } else if let Some(n) = args.remove {
        PlanEdit::Remove { block: index(n) }
    } else if let Some(n) = args.split {
        let at = match (&args.at, args.at_char) {
            (Some(t), _) => SplitAt::Text(t.clone()),
            (None, Some(k)) => SplitAt::Char(k),
            (None, None) => {
                return Err(Error::Invalid(
                    "--split needs --at TEXT (or --at-char K): where the second part starts".into(),
                ))
            }
        };
        PlanEdit::Split {
            block: index(n),
            at,
        }
    } else {
        return Ok(None);
    }))
}

/// A block's kind as `amend plan` lists it: h2, p, li 1., row.
fn block_kind(b: &amend::doc::Block) -> String {
    use amend::doc::BlockKind;
    match b.kind {
        BlockKind::Heading { level } => format!("h{level}"),
        BlockKind::Paragraph => "p".into(),
        BlockKind::ListItem => format!("{}li {}", "  ".repeat(b.depth.into()), b.marker),
        BlockKind::TableRow => "row".into(),
    }
}

/// The plan's blocks, numbered from 1, with page and kind.
fn block_list(doc: &Document) -> String {
    let mut o = String::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        o.push_str(&format!(
            "{:>4}  p. {:<3} {:<7} {}\n",
            i + 1,
            b.page,
            block_kind(b),
            amend::text::excerpt(&b.text, 72)
        ));
    }
    o
}

fn plan(path: &Path, args: &PlanEditArgs, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let (mut c, unknown) = load_keeping(path)?;
    let fail = |error| Failure {
        file: Some(path.to_path_buf()),
        error,
    };
    let doc = c.document().map_err(fail)?;
    let Some(edit) = plan_edit(args, doc.blocks.len()).map_err(fail)? else {
        let headings = doc.blocks.iter().filter(|b| b.level().is_some()).count();
        out(&format!(
            "{}: {} pages, {} blocks, {} headings\n\n{}",
            path.display(),
            doc.pages(),
            doc.blocks.len(),
            headings,
            block_list(&doc)
        ));
        return Ok(ExitCode::SUCCESS);
    };
    let (new, relocated) = c.edit_plan_with(&doc, &edit).map_err(fail)?;
    // what the corrected blocks are now
    let first = edit.block();
    let shown = match edit {
        amend::plan::edit::PlanEdit::Split { .. } => 2,
        amend::plan::edit::PlanEdit::Remove { .. } => {
            eprintln!("note: block {} is removed", first + 1);
            0
        }
        _ => 1,
    };
    for (i, b) in new.blocks.iter().enumerate().skip(first).take(shown) {
        let page = if b.page > 1 {
            format!(" (p. {})", b.page)
        } else {
            String::new()
        };
        eprintln!(
            "note: block {} is now {}{page} ”{}”",
            i + 1,
            block_kind(b),
            amend::text::excerpt(&b.text, 60)
        );
    }
    for id in &relocated.found {
        eprintln!("note: amendment {id} now locates in the plan");
    }
    let lost: Vec<_> = relocated.lost().collect();
    if !lost.is_empty() {
        let ids: Vec<&str> = lost.iter().map(|f| f.amendment.as_str()).collect();
        eprintln!(
            "warning: {} amendment{} no longer locate{} in the corrected plan: {}",
            lost.len(),
            if lost.len() == 1 { "" } else { "s" },
            if lost.len() == 1 { "s" } else { "" },
            ids.join(", ")
        );
        for f in &lost {
            report(&Failure {
                file: output.map(Path::to_path_buf),
                error: f.error.clone(),
            });
        }
    }
    write_text(output, &amend::fields::to_json_keeping(&c, &unknown))?;
    Ok(if lost.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
