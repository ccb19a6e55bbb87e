namespace ControlPlane.Core.Diagnostics;

/// <summary>
/// Stable diagnostic codes. CP0xxx: file syntax; CP1xxx: the definition; CP15xx: expressions;
/// CP2xxx: values given to a definition when it is planned. Codes are never reused for another meaning.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The YAML text cannot be parsed.</summary>
    public const string YamlSyntax = "CP0001";

    /// <summary>The JSON text cannot be parsed.</summary>
    public const string JsonSyntax = "CP0002";

    /// <summary>A mapping has the same key twice.</summary>
    public const string DuplicateKey = "CP0003";

    /// <summary>The document is empty, is not a mapping, has several documents, or nests too deeply.</summary>
    public const string InvalidDocument = "CP0004";

    /// <summary>A YAML alias refers to an anchor that is not defined before it.</summary>
    public const string UndefinedAlias = "CP0005";

    /// <summary>A key that is not part of the format (with a suggestion when one is close).</summary>
    public const string UnknownKey = "CP1001";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "CP1002";

    /// <summary>A value has the wrong type, for example a mapping where a number is expected.</summary>
    public const string WrongType = "CP1003";

    /// <summary><c>needs</c> names a step or group that does not exist.</summary>
    public const string UnknownNeed = "CP1004";

    /// <summary>A step has no <c>id</c>.</summary>
    public const string MissingId = "CP1005";

    /// <summary>Two steps or groups share an id.</summary>
    public const string DuplicateId = "CP1006";

    /// <summary>An id has characters outside letters, digits, '_' and '-', or does not start with a letter or '_'.</summary>
    public const string InvalidId = "CP1007";

    /// <summary>A step has none of run, docker, http or sleep.</summary>
    public const string NoAction = "CP1008";

    /// <summary>A step has more than one of run, docker, http or sleep (or a group has both parallel and sequence).</summary>
    public const string MultipleActions = "CP1009";

    /// <summary>Steps depend on each other in a cycle.</summary>
    public const string DependencyCycle = "CP1010";

    /// <summary>A duration is not written like 500ms, 30s, 5m or 1h30m.</summary>
    public const string InvalidDuration = "CP1011";

    /// <summary>A value is not one of the allowed words (shell, pull policy, method, retry condition...).</summary>
    public const string InvalidValue = "CP1012";

    /// <summary>A number or duration is outside its allowed range.</summary>
    public const string OutOfRange = "CP1013";

    /// <summary>An http step's URL is not an absolute http or https URL.</summary>
    public const string InvalidUrl = "CP1014";

    /// <summary>A list or group that must have entries is empty.</summary>
    public const string EmptyCollection = "CP1015";

    /// <summary>An input, output, matrix axis, secret or environment variable name is not valid.</summary>
    public const string InvalidName = "CP1016";

    /// <summary>A key that exists but does not apply here (shell on a docker step, options on a string input).</summary>
    public const string NotApplicable = "CP1017";

    /// <summary>A docker mount's source leaves the workspace, or its target is not an absolute path, has '..' segments or is the root.</summary>
    public const string InvalidMount = "CP1018";

    /// <summary>The same entry appears twice in <c>needs</c> (warning).</summary>
    public const string DuplicateNeed = "CP1019";

    /// <summary>A static <c>working_directory</c> or relative docker <c>working_dir</c> is absolute or leaves the step workspace.</summary>
    public const string PathOutsideWorkspace = "CP1020";

    /// <summary>An input's default does not match its type.</summary>
    public const string InputDefaultTypeMismatch = "CP1201";

    /// <summary>A choice input's default is not one of its options.</summary>
    public const string ChoiceDefaultNotInOptions = "CP1202";

    /// <summary>A choice input has no options.</summary>
    public const string ChoiceWithoutOptions = "CP1203";

    /// <summary>A matrix expands to more combinations than the limit.</summary>
    public const string MatrixTooLarge = "CP1301";

    /// <summary>A matrix exclude entry names an axis that does not exist.</summary>
    public const string MatrixUnknownAxis = "CP1302";

    /// <summary>A matrix expands to no combinations at all.</summary>
    public const string MatrixEmpty = "CP1303";

    /// <summary>A cron expression is not valid.</summary>
    public const string InvalidCron = "CP1401";

    /// <summary>A schedule's time zone is not known.</summary>
    public const string UnknownTimeZone = "CP1402";

    /// <summary>A webhook trigger has neither secret nor filter.</summary>
    public const string WebhookWithoutGuard = "CP1403";

    /// <summary>A notify target has neither or both of url and url_env.</summary>
    public const string NotifyUrlChoice = "CP1404";

    /// <summary>A webhook names a secret the server does not have (checked by the server when applying).</summary>
    public const string UnknownServerSecret = "CP1405";

    /// <summary>A webhook uses the removed <c>secret_env</c>; webhook secrets come from the server's secrets, not its environment.</summary>
    public const string WebhookSecretEnvRemoved = "CP1406";

    /// <summary>An expression cannot be parsed (including unknown functions and wrong argument counts).</summary>
    public const string ExpressionSyntax = "CP1501";

    /// <summary>An expression names a context that does not exist.</summary>
    public const string UnknownContext = "CP1502";

    /// <summary>An expression reads an input that is not declared.</summary>
    public const string UnknownInputReference = "CP1503";

    /// <summary>An expression reads a matrix value the step's matrix does not define.</summary>
    public const string UnknownMatrixAxis = "CP1504";

    /// <summary>An expression reads a step that does not exist.</summary>
    public const string UnknownStepReference = "CP1505";

    /// <summary>An expression reads a step that the reading step does not (transitively) need.</summary>
    public const string StepNotNeeded = "CP1506";

    /// <summary>An expression reads an output the step does not declare.</summary>
    public const string UnknownStepOutput = "CP1507";

    /// <summary>An expression uses a context that is not available in that field.</summary>
    public const string ContextNotAvailable = "CP1508";

    /// <summary>success(), failure(), always() or cancelled() used outside an <c>if</c> condition.</summary>
    public const string StatusFunctionOutsideCondition = "CP1509";

    /// <summary>An expression reads a secret the step does not list in <c>secrets</c>.</summary>
    public const string SecretNotDeclared = "CP1510";

    /// <summary>An expression reads a property that a context does not have (steps.x.status, run.foo).</summary>
    public const string UnknownProperty = "CP1511";

    /// <summary>An <c>if</c> mixes plain text with <c>${{ }}</c>, which would always be true.</summary>
    public const string MixedCondition = "CP1512";

    /// <summary>A value is given for an input that is not declared.</summary>
    public const string UnknownInput = "CP2001";

    /// <summary>A required input without a default is not given.</summary>
    public const string MissingRequiredInput = "CP2002";

    /// <summary>An input value does not match the input's type.</summary>
    public const string InputTypeMismatch = "CP2003";

    /// <summary>A choice input's value is not one of its options.</summary>
    public const string InputNotInOptions = "CP2004";

    /// <summary>An expression evaluated while planning (matrix values, inputs) failed.</summary>
    public const string PlanEvaluationFailed = "CP2005";

    /// <summary>Two planned steps would get the same key.</summary>
    public const string DuplicatePlanKey = "CP2006";

    /// <summary>The plan has more steps (matrix combinations included) than one run may have.</summary>
    public const string TooManySteps = "CP2007";
}
