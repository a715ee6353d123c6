//! `posdoctor completions SHELL`.

use super::Context;
use crate::cli::CompletionsArgs;
use crate::error::{Error, exit};
use crate::generate;

pub fn run(ctx: &Context, args: &CompletionsArgs) -> Result<u8, Error> {
    ctx.out.emit(&generate::completion(args.shell))?;
    Ok(exit::OK)
}
