using System.Globalization;

namespace IndustryMap.Writing;

/// <summary>
/// Length and character limits on text that people type. Values are stored as typed (markup is text, rendered
/// encoded everywhere); what is refused is text too long for its field, control characters and bidirectional
/// overrides, which no form produces and which can hide or disguise content in exports and logs.
/// </summary>
public static class FieldRules
{
    /// <summary>Checks one optional text field; returns null when it is acceptable.</summary>
    public static Refusal? Text(string field, string label, string? value, int maxLength, bool multiline = false, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Refusal.OfField(field, "required", $"{label}不能为空", $"{field} is required") : null;
        }
        var length = new StringInfo(value).LengthInTextElements;
        if (length > maxLength)
        {
            return Refusal.OfField(field, "too_long", $"{label}最多 {maxLength} 个字符，现为 {length} 个",
                string.Create(CultureInfo.InvariantCulture, $"{field} may have at most {maxLength} characters, not {length}"));
        }
        foreach (var c in value)
        {
            if ((char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) || IsBidiControl(c))
            {
                return Refusal.OfField(field, "control_character", $"{label}含有不可见的控制字符",
                    string.Create(CultureInfo.InvariantCulture, $"{field} contains the control character U+{(int)c:X4}"));
            }
        }
        return null;
    }

    /// <summary>Bidirectional embedding, override and isolate controls: they reorder how text is displayed ("Trojan Source").</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Throws a refusal listing every field error, or returns when there are none.</summary>
    public static void ThrowIfAny(IEnumerable<Refusal?> errors)
    {
        var list = errors.OfType<Refusal>().ToList();
        if (list.Count == 0) return;
        throw RefusedException.Listing("invalid_fields", list);
    }

    /// <summary>Empty and whitespace-only text is "not stated": stored as null, trimmed otherwise.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
