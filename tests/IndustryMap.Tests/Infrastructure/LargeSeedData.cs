using System.Globalization;
using System.Text;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>The repository's seed data plus generated documents, for an import that takes long enough to interrupt.</summary>
public static class LargeSeedData
{
    public static string Generate(int documents, int linesEach)
    {
        var folder = SeedData.CopyToTemp();
        for (var d = 0; d < documents; d++)
        {
            var id = (100 + d).ToString(CultureInfo.InvariantCulture);
            var dir = Directory.CreateDirectory(Path.Combine(folder, $"{id}-generated")).FullName;
            File.WriteAllText(Path.Combine(dir, "document.csv"),
                $"id,title,issuer,number,issued_on,period,kind,title_lines,note\n{id},生成的测试文件{id},,,,,test,1,generated for the kill-during-import test\n");
            var text = new StringBuilder();
            for (var line = 1; line <= linesEach; line++)
            {
                text.Append(CultureInfo.InvariantCulture, $"第{line}行：推动制造业高质量发展，培育先进制造业集群，编号 {id}-{line}。\n");
            }
            File.WriteAllText(Path.Combine(dir, "document.txt"), text.ToString());
        }
        return folder;
    }
}
