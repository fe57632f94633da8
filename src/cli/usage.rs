//! Usage errors and help, as every command prints them: help and the version on stdout (exit 0);
//! a refused argument as `chant-lsp COMMAND: what is wrong` and the command's usage line on
//! stderr (exit 2). clap finds the error; the wording is ours, one style for every command.

use std::ffi::OsString;
use std::io::Write;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Prints `e`, clap's verdict on `args` against the grammar `top`, the way the command line
/// reports it; returns the exit code.
pub fn report(
    top: &clap::Command,
    e: &clap::Error,
    args: &[OsString],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return if write!(out, "{}", e.render()).is_ok() { 0 } else { 2 };
    }
    let (name, usage) = name_and_usage(top, args);
    let text = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            // A word that is no command: show the whole help, so the commands are in view.
            let help = top.clone().render_help().to_string();
            format!("{name}: unknown argument `{}`\n\n{help}", context(e, ContextKind::InvalidSubcommand))
        }
        _ => format!("{name}: {}\n{usage}", message(e)),
    };
    let _ = write!(err, "{}{}", text, if text.ends_with('\n') { "" } else { "\n" });
    2
}

/// Prints a usage error a command found after parsing (`msg`); returns the exit code.
pub fn refuse(top: &clap::Command, args: &[OsString], msg: &str, err: &mut dyn Write) -> i32 {
    let (name, usage) = name_and_usage(top, args);
    let _ = writeln!(err, "{name}: {msg}\n{usage}");
    2
}

/// `chant-lsp COMMAND` for the command `args` name, and its `usage: …` lines (of `chant-lsp`
/// itself when they name none).
fn name_and_usage(top: &clap::Command, args: &[OsString]) -> (String, String) {
    let mut top = top.clone();
    // Built, each subcommand knows its full name (`chant-lsp check`).
    top.build();
    let sub = args.first().and_then(|name| top.find_subcommand(name.to_str()?));
    let name = sub.map_or("chant-lsp".to_string(), |sub| format!("chant-lsp {}", sub.get_name()));
    let usage = sub.map_or_else(|| top.clone().render_usage(), |sub| sub.clone().render_usage()).to_string();
    (name, format!("usage: {}", usage.strip_prefix("Usage: ").unwrap_or(&usage)))
}

/// What is wrong, in one line.
fn message(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    // The option's name alone: clap names it with its value (`--format <FORMAT>`).
    let option = arg.split_whitespace().next().unwrap_or_default().trim_matches(['<', '>']).to_string();
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("unknown option `{arg}`"),
        ErrorKind::UnknownArgument => format!("unexpected argument `{arg}`"),
        // Our value parsers word their own refusals.
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(why) => why.to_string(),
            None => format!("{option}: `{}` is not a valid value", context(e, ContextKind::InvalidValue)),
        },
        ErrorKind::InvalidValue if context(e, ContextKind::InvalidValue).is_empty() => {
            format!("{option} needs a value")
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            format!("{option}: `{}` is not one of {valid}", context(e, ContextKind::InvalidValue))
        }
        ErrorKind::ArgumentConflict => {
            format!("{option} and {} do not go together", context(e, ContextKind::PriorArg))
        }
        ErrorKind::MissingRequiredArgument => format!("missing {arg}"),
        _ => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_string()
        }
    }
}

/// One piece of the error's context as text (a list joined with ", ").
fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
