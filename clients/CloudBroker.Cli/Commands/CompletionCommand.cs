using System.CommandLine;

namespace CloudBroker.Cli.Commands;

/// <summary>
/// <c>completion bash|zsh</c>: a script that asks <c>cloudbroker</c> itself for completions through System.CommandLine's
/// <c>[suggest:position]</c> directive, so commands, options and values complete as this version defines them.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # cloudbroker completion for bash: source it, e.g. `source <(cloudbroker completion bash)` in ~/.bashrc
        _cloudbroker_complete() {
          local line="${COMP_LINE#* }"
          local position=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(cloudbroker "[suggest:${position}]" "${line}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -F _cloudbroker_complete cloudbroker
        """;

    private const string Zsh = """
        # cloudbroker completion for zsh: source it, e.g. `source <(cloudbroker completion zsh)` in ~/.zshrc
        _cloudbroker_complete() {
          local line="${BUFFER#* }"
          local position=$(( CURSOR - ${#BUFFER} + ${#line} ))
          compadd -- ${(f)"$(cloudbroker "[suggest:${position}]" "${line}" 2>/dev/null)"}
        }
        compdef _cloudbroker_complete cloudbroker
        """;

    public static Command Build(CliEnvironment environment)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print the shell completion script for bash or zsh") { shell };
        command.SetAction(parse =>
        {
            environment.Output.WriteLine(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return ExitCodes.Ok;
        });
        return command;
    }
}
