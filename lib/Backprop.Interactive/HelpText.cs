using System.Reflection;
using System.Text;

namespace Backprop.Interactive;

/// <summary>The text <c>Help(x)</c> pages: the value's type, its value and its public members.</summary>
internal static class HelpText
{
    public static string Describe(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        var type = value as Type ?? value.GetType();
        var text = new StringBuilder();
        text.Append("Type: ").AppendLine(type.FullName ?? type.Name);
        if (value is not Type)
        {
            text.Append("Value: ").AppendLine(value.ToString());
        }

        var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m is PropertyInfo or FieldInfo || (m is MethodInfo method && !method.IsSpecialName))
            .Where(m => m.DeclaringType != typeof(object))
            .Select(m => m.MemberType == MemberTypes.Method ? m.Name + "(…)" : m.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (members.Count > 0)
        {
            text.Append("Members: ").AppendJoin(", ", members).AppendLine();
        }

        return text.ToString();
    }
}
