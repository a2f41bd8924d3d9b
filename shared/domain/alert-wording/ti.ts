/** R11: the alert wording in Tigrinya. Machine-assisted draft: needs review by a native speaker (TRANSLATIONS.md). */
import type { AlertWording } from './wording.ts';

export const ti: AlertWording = {
  sms: {
    deposit: 'OFPRA: ኣብ ውልቃዊ ገጽኩም ሓድሽ ደብዳቤ ኣሎ:',
    reminder: 'OFPRA: ኣብ 15 መዓልቲ ደብዳቤ ኣንብቡ:',
    resetCode: 'OFPRA ናይ መሕለፊ ቃል ኮድ: {code}። ን15 ደቒቕ ይሰርሕ። ንማንም ኣይትሃብዎ።',
  },
  email: {
    subject: {
      deposit: 'ኣብ ናይ OFPRA ውልቃዊ ገጽኩም ሓድሽ ደብዳቤ ይጽበየኩም ኣሎ',
      reminder: 'መዘኻኸሪ: ኣብ ናይ OFPRA ውልቃዊ ገጽኩም ዘይተነበበ ደብዳቤ ይጽበየኩም ኣሎ',
      resetCode: 'ናይ OFPRA መሕለፊ ቃል ምሕዳስ ኮድኩም',
    },
    greeting: 'ሰላም፣',
    deposit: ['OFPRA ኣብ ናይ ኦንላይን ውልቃዊ ገጽኩም ሓድሽ ደብዳቤ ኣቐሚጡ ኣሎ።', 'ንምንባቡ እተዉ:'],
    reminder: [
      'ኣብ ውልቃዊ ገጽኩም ዝተቐመጠ ደብዳቤ OFPRA ክሳብ ሕጂ ኣይተኸፍተን።',
      'ካብ ዝተቐመጠሉ መዓልቲ ኣትሒዝኩም ኣብ ውሽጢ 15 መዓልቲ ኣንብብዎ። ድሕሪ እዚ ግዜ፣ እንተዘይኸፈትኩምዎ እውን ከም ዝተሓበረኩም ክቑጸር እዩ፣ እቶም ምስኡ ዝተኣሳሰሩ ግዜታት (ንኣብነት ንይግባይ) ድማ ክቕጽሉ እዮም።',
      'ንምንባቡ እተዉ:',
    ],
    resetCode: [
      'ናይ ውልቃዊ ገጽኩም መሕለፊ ቃል ንምሕዳስ ዝኸውን ኮድ: {code}',
      'እዚ ኮድ ን15 ደቒቕ ይሰርሕ። ንስኹም እንተዘይሓቲትኩም፣ ነዚ መልእኽቲ ዕሽሽ በልዎ።',
      'ገጽ ምእታው:',
    ],
    noticeFooter:
      'እዚ መልእኽቲ ሓበሬታ ጥራይ እዩ: ትሕዝቶ ደብዳቤ የብሉን፣ ሕጋዊ ሳዕቤን ድማ የብሉን። ንምእታው ሓገዝ እንተደሊኹም፣ ናብ SPADA ኩም ተወከሱ።',
    securityFooter: [
      'መሕለፊ ቃልኩም፣ መፍትሕ ምትእስሳርኩም ወይ ዝተቐበልኩምዎ ኮድ ንማንም ኣይትሃቡ: OFPRA ፈጺሙ ኣይሓተኩምን እዩ።',
      'እዚ ኣውቶማቲክ መልእኽቲ እዩ፣ በጃኹም መልሲ ኣይትሃቡ።',
    ],
    frenchCopy: 'ፈረንሳዊ ቅዳሕ',
  },
};
