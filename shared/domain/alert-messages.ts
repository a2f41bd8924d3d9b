/**
 * R11: the words of every alert — the SMS and e-mail that say a letter is waiting, the
 * reminders, and the password-reset code — in every UI language.
 *
 * An alert is only a notice: it never names the applicant, never says which kind of letter it
 * is and never quotes it; it says a letter is waiting in the personal space and gives the
 * space's URL. A reminder also says the letter must be read within the 15 days that follow
 * its posting. fr and en are complete; the other languages are best-effort translations that
 * native speakers must review (TRANSLATIONS.md).
 *
 * SMS budget: every SMS must fit one segment with a realistic URL (~30 characters). French and
 * English stay in the GSM-7 alphabet (160 characters; no ê, ç, â…); the other languages need
 * UCS-2 (70 UTF-16 units), which leaves about 39 characters of words before the URL.
 */
import { BoundedCache } from './bounded-cache.ts';
import type { AlertChannel, Language } from './types.ts';
import { RTL_LANGUAGES } from './types.ts';

/** What the alert is about: a new letter (R11), a reminder (R11) or a password-reset code. */
export type AlertMessageKind = 'deposit' | 'reminder' | 'resetCode';

export interface AlertMessageInput {
  readonly channel: AlertChannel;
  readonly kind: AlertMessageKind;
  readonly language: Language;
  /** The space's public URL, e.g. `https://demat.ofpra.example.fr` (AppConfig.publicUrl). */
  readonly publicUrl: string;
  /** The six-digit code, for `resetCode` only. */
  readonly code?: string;
}

/** SMS: `text` only. E-mail: `subject`, `text` and `html`. */
export interface AlertMessage {
  readonly text: string;
  readonly subject?: string;
  readonly html?: string;
}

interface Wording {
  readonly sms: {
    readonly deposit: string;
    readonly reminder: string;
    readonly resetCode: (code: string) => string;
  };
  readonly email: {
    readonly subject: Readonly<Record<AlertMessageKind, string>>;
    readonly greeting: string;
    readonly deposit: readonly string[];
    readonly reminder: readonly string[];
    readonly resetCode: (code: string) => readonly string[];
    /** Below deposit and reminder alerts: what this message is (and is not). */
    readonly noticeFooter: string;
    /** Below every e-mail: secrets are never asked for; automatic message. */
    readonly securityFooter: readonly string[];
    /** Heading of the French copy appended to e-mails in other languages. */
    readonly frenchCopy: string;
  };
}

const WORDING: Readonly<Record<Language, Wording>> = {
  fr: {
    sms: {
      deposit: 'OFPRA : un nouveau courrier vous attend dans votre espace personnel. Connectez-vous pour le lire :',
      reminder:
        'Rappel OFPRA : un courrier non lu vous attend. Lisez-le sous 15 jours après sa mise en ligne, sinon il sera considéré comme lu :',
      resetCode: (code) =>
        `OFPRA : votre code de réinitialisation du mot de passe est ${code}. Il est valable 15 minutes. Ne le communiquez à personne.`,
    },
    email: {
      subject: {
        deposit: 'Un nouveau courrier vous attend dans votre espace personnel OFPRA',
        reminder: 'Rappel : un courrier non lu vous attend dans votre espace personnel OFPRA',
        resetCode: 'Votre code de réinitialisation du mot de passe OFPRA',
      },
      greeting: 'Bonjour,',
      deposit: [
        "Un nouveau courrier de l'OFPRA a été déposé dans votre espace personnel en ligne.",
        'Connectez-vous pour le lire :',
      ],
      reminder: [
        "Un courrier de l'OFPRA déposé dans votre espace personnel n'a pas encore été ouvert.",
        "Lisez-le dans les 15 jours qui suivent sa mise en ligne. Passé ce délai, il sera considéré comme notifié, même si vous ne l'avez pas ouvert, et les délais qui en dépendent (par exemple pour un recours) courront quand même.",
        'Connectez-vous pour le lire :',
      ],
      resetCode: (code) => [
        `Voici votre code pour réinitialiser le mot de passe de votre espace personnel : ${code}`,
        "Ce code est valable 15 minutes. Si vous n'avez pas fait cette demande, ignorez ce message.",
        'Page de connexion :',
      ],
      noticeFooter:
        "Ce message est un simple avis : il ne contient pas le courrier et n'a aucun effet juridique. Si vous avez besoin d'aide pour vous connecter, adressez-vous à votre SPADA.",
      securityFooter: [
        "Ne communiquez jamais votre mot de passe, votre clé de connexion ni un code reçu : l'OFPRA ne vous les demandera jamais.",
        'Message automatique, merci de ne pas y répondre.',
      ],
      frenchCopy: 'Version française',
    },
  },
  en: {
    sms: {
      deposit: 'OFPRA: a new letter is waiting for you in your personal space. Log in to read it:',
      reminder:
        'OFPRA reminder: an unread letter awaits you in your personal space. Read it within 15 days of posting, or it will count as read:',
      resetCode: (code) =>
        `OFPRA: your password reset code is ${code}. It is valid for 15 minutes. Do not share it with anyone.`,
    },
    email: {
      subject: {
        deposit: 'A new letter is waiting in your OFPRA personal space',
        reminder: 'Reminder: an unread letter is waiting in your OFPRA personal space',
        resetCode: 'Your OFPRA password reset code',
      },
      greeting: 'Hello,',
      deposit: ['A new letter from OFPRA has been posted in your online personal space.', 'Log in to read it:'],
      reminder: [
        'A letter from OFPRA posted in your personal space has not been opened yet.',
        'Read it within 15 days of the day it was posted. After that, it will be considered notified even if you have not opened it, and the time limits that depend on it (for example to appeal) will run anyway.',
        'Log in to read it:',
      ],
      resetCode: (code) => [
        `Here is your code to reset the password of your personal space: ${code}`,
        'This code is valid for 15 minutes. If you did not ask for it, ignore this message.',
        'Log-in page:',
      ],
      noticeFooter:
        'This message is only a notice: it does not contain the letter and has no legal effect. If you need help to log in, ask your SPADA (reception platform for asylum seekers).',
      securityFooter: [
        'Never share your password, your connection key or a code you received: OFPRA will never ask you for them.',
        'This is an automatic message, please do not reply.',
      ],
      frenchCopy: 'French version',
    },
  },
  ar: {
    sms: {
      deposit: 'رسالة جديدة من OFPRA في حسابك الشخصي:',
      reminder: 'اقرأ رسالة OFPRA خلال 15 يوما:',
      resetCode: (code) => `رمز OFPRA لتغيير كلمة السر: ${code}. صالح 15 دقيقة. لا تعطه لأحد.`,
    },
    email: {
      subject: {
        deposit: 'رسالة جديدة في انتظارك في حسابك الشخصي لدى OFPRA',
        reminder: 'تذكير: رسالة غير مقروءة في انتظارك في حسابك الشخصي لدى OFPRA',
        resetCode: 'رمز إعادة تعيين كلمة السر لحسابك لدى OFPRA',
      },
      greeting: 'مرحبا،',
      deposit: ['وُضعت رسالة جديدة من OFPRA في حسابك الشخصي على الإنترنت.', 'سجّل الدخول لقراءتها:'],
      reminder: [
        'رسالة من OFPRA موضوعة في حسابك الشخصي لم تُفتح بعد.',
        'اقرأها خلال 15 يوما من تاريخ وضعها. بعد هذه المدة ستُعتبر مُبلَّغة إليك حتى لو لم تفتحها، وستسري الآجال المرتبطة بها (مثل أجل الطعن) رغم ذلك.',
        'سجّل الدخول لقراءتها:',
      ],
      resetCode: (code) => [
        `هذا هو رمز إعادة تعيين كلمة السر لحسابك الشخصي: ${code}`,
        'هذا الرمز صالح لمدة 15 دقيقة. إذا لم تطلبه، تجاهل هذه الرسالة.',
        'صفحة تسجيل الدخول:',
      ],
      noticeFooter:
        'هذه الرسالة مجرد إشعار: لا تحتوي على نص الرسالة وليس لها أي أثر قانوني. إذا احتجت إلى مساعدة لتسجيل الدخول، اتصل بـ SPADA التابعة لك.',
      securityFooter: [
        'لا تعطِ أبدا كلمة السر أو مفتاح الاتصال أو أي رمز تلقيته لأي شخص: لن يطلبها منك OFPRA أبدا.',
        'هذه رسالة آلية، يرجى عدم الرد عليها.',
      ],
      frenchCopy: 'النسخة الفرنسية',
    },
  },
  prs: {
    sms: {
      deposit: 'نامه جدید OFPRA در حساب شما:',
      reminder: 'نامه OFPRA را تا 15 روز بخوانید:',
      resetCode: (code) => `کد تغییر رمز OFPRA: ${code}. تا 15 دقیقه معتبر است. به کسی ندهید.`,
    },
    email: {
      subject: {
        deposit: 'یک نامه جدید در حساب شخصی OFPRA منتظر شماست',
        reminder: 'یادآوری: یک نامه خوانده نشده در حساب شخصی OFPRA منتظر شماست',
        resetCode: 'کد تغییر رمز عبور حساب OFPRA شما',
      },
      greeting: 'سلام،',
      deposit: ['یک نامه جدید از طرف OFPRA در حساب شخصی آنلاین شما گذاشته شد.', 'برای خواندن آن وارد شوید:'],
      reminder: [
        'یک نامه از طرف OFPRA که در حساب شخصی شما گذاشته شده، هنوز باز نشده است.',
        'آن را در 15 روز بعد از گذاشتن آن بخوانید. بعد از این مدت، حتی اگر آن را باز نکرده باشید، ابلاغ‌شده حساب می‌شود و مهلت‌های مربوط به آن (مثلاً برای درخواست تجدید نظر) باز هم جاری می‌شوند.',
        'برای خواندن آن وارد شوید:',
      ],
      resetCode: (code) => [
        `کد شما برای تغییر رمز عبور حساب شخصی: ${code}`,
        'این کد تا 15 دقیقه اعتبار دارد. اگر شما آن را درخواست نکرده‌اید، این پیام را نادیده بگیرید.',
        'صفحه ورود:',
      ],
      noticeFooter:
        'این پیام فقط یک اطلاعیه است: متن نامه در آن نیست و هیچ اثر حقوقی ندارد. اگر برای ورود به کمک نیاز دارید، به SPADA خود مراجعه کنید.',
      securityFooter: [
        'رمز عبور، کلید ورود یا کدی را که دریافت کرده‌اید هرگز به کسی ندهید: OFPRA هرگز آن‌ها را از شما نمی‌خواهد.',
        'این یک پیام خودکار است، لطفاً به آن پاسخ ندهید.',
      ],
      frenchCopy: 'نسخه فرانسوی',
    },
  },
  ps: {
    sms: {
      deposit: 'د OFPRA نوی لیک ستاسو حساب ته راغلی دی:',
      reminder: 'د OFPRA لیک تر 15 ورځو پورې ولولئ:',
      resetCode: (code) => `د OFPRA پټنوم کوډ: ${code}. 15 دقیقې اعتبار لري. چا ته یې مه ورکوئ.`,
    },
    email: {
      subject: {
        deposit: 'ستاسو د OFPRA شخصي حساب کې نوی لیک ستاسو په تمه دی',
        reminder: 'یادونه: ستاسو د OFPRA شخصي حساب کې یو نالوستی لیک ستاسو په تمه دی',
        resetCode: 'ستاسو د OFPRA حساب د پټنوم بدلولو کوډ',
      },
      greeting: 'سلام،',
      deposit: ['د OFPRA له خوا ستاسو آنلاین شخصي حساب ته یو نوی لیک ایښودل شوی دی.', 'د لوستلو لپاره ننوځئ:'],
      reminder: [
        'د OFPRA یو لیک چې ستاسو شخصي حساب ته ایښودل شوی، تر اوسه نه دی پرانیستل شوی.',
        'دا لیک د ایښودلو له ورځې څخه په 15 ورځو کې ولولئ. له دې مودې وروسته، که تاسو یې نه وي پرانیستی هم، ابلاغ شوی به وګڼل شي او ورپورې تړلې مودې (د بېلګې په توګه د استیناف لپاره) به بیا هم روانې وي.',
        'د لوستلو لپاره ننوځئ:',
      ],
      resetCode: (code) => [
        `ستاسو د شخصي حساب د پټنوم بدلولو کوډ دا دی: ${code}`,
        'دا کوډ 15 دقیقې اعتبار لري. که تاسو غوښتنه نه وي کړې، دا پیغام پرېږدئ.',
        'د ننوتلو پاڼه:',
      ],
      noticeFooter:
        'دا پیغام یوازې یو خبرتیا ده: د لیک متن پکې نشته او هیڅ حقوقي اغېز نه لري. که د ننوتلو لپاره مرستې ته اړتیا لرئ، خپل SPADA ته مراجعه وکړئ.',
      securityFooter: [
        'خپل پټنوم، د ننوتلو کیلي یا ترلاسه شوی کوډ هېڅکله چا ته مه ورکوئ: OFPRA به یې هېڅکله له تاسو ونه غواړي.',
        'دا یو اتومات پیغام دی، مهرباني وکړئ ځواب یې مه ورکوئ.',
      ],
      frenchCopy: 'فرانسوي نسخه',
    },
  },
  ru: {
    sms: {
      deposit: 'OFPRA: новое письмо в личном кабинете:',
      reminder: 'OFPRA: прочтите письмо за 15 дней:',
      resetCode: (code) => `OFPRA: код сброса ${code}. 15 мин. Никому не сообщайте.`,
    },
    email: {
      subject: {
        deposit: 'Новое письмо ждёт вас в личном кабинете OFPRA',
        reminder: 'Напоминание: непрочитанное письмо ждёт вас в личном кабинете OFPRA',
        resetCode: 'Код для сброса пароля в личном кабинете OFPRA',
      },
      greeting: 'Здравствуйте!',
      deposit: ['В ваш личный онлайн-кабинет поступило новое письмо от OFPRA.', 'Войдите, чтобы его прочитать:'],
      reminder: [
        'Письмо от OFPRA в вашем личном кабинете ещё не открыто.',
        'Прочтите его в течение 15 дней со дня его размещения. После этого срока оно будет считаться врученным, даже если вы его не открыли, и связанные с ним сроки (например, для обжалования) всё равно начнут течь.',
        'Войдите, чтобы его прочитать:',
      ],
      resetCode: (code) => [
        `Ваш код для сброса пароля личного кабинета: ${code}`,
        'Код действует 15 минут. Если вы его не запрашивали, не обращайте внимания на это сообщение.',
        'Страница входа:',
      ],
      noticeFooter:
        'Это сообщение — только уведомление: в нём нет текста письма, и оно не имеет юридической силы. Если вам нужна помощь со входом, обратитесь в вашу SPADA.',
      securityFooter: [
        'Никогда никому не сообщайте пароль, ключ подключения или полученный код: OFPRA никогда не попросит их у вас.',
        'Это автоматическое сообщение, пожалуйста, не отвечайте на него.',
      ],
      frenchCopy: 'Версия на французском',
    },
  },
  tr: {
    sms: {
      deposit: 'OFPRA: alanınızda yeni mektup var:',
      reminder: 'OFPRA: mektubu 15 günlük süre bitmeden okuyun:',
      resetCode: (code) => `OFPRA sıfırlama kodu: ${code}. 15 dk geçerli. Kimseyle paylaşmayın.`,
    },
    email: {
      subject: {
        deposit: 'OFPRA kişisel alanınızda yeni bir mektup sizi bekliyor',
        reminder: 'Hatırlatma: OFPRA kişisel alanınızda okunmamış bir mektup sizi bekliyor',
        resetCode: 'OFPRA şifre sıfırlama kodunuz',
      },
      greeting: 'Merhaba,',
      deposit: [
        'OFPRA çevrimiçi kişisel alanınıza yeni bir mektup bıraktı.',
        'Okumak için giriş yapın:',
      ],
      reminder: [
        'Kişisel alanınıza bırakılan bir OFPRA mektubu henüz açılmadı.',
        'Mektubu, bırakıldığı günden itibaren 15 gün içinde okuyun. Bu sürenin sonunda, açmamış olsanız bile size tebliğ edilmiş sayılır ve ona bağlı süreler (örneğin itiraz için) yine de işlemeye başlar.',
        'Okumak için giriş yapın:',
      ],
      resetCode: (code) => [
        `Kişisel alanınızın şifresini sıfırlama kodunuz: ${code}`,
        'Bu kod 15 dakika geçerlidir. Bu talebi siz yapmadıysanız bu mesajı dikkate almayın.',
        'Giriş sayfası:',
      ],
      noticeFooter:
        'Bu mesaj yalnızca bir bildirimdir: mektubun içeriğini içermez ve hiçbir hukuki etkisi yoktur. Giriş yapmak için yardıma ihtiyacınız varsa SPADA’nıza başvurun.',
      securityFooter: [
        'Şifrenizi, bağlantı anahtarınızı veya aldığınız bir kodu asla kimseyle paylaşmayın: OFPRA bunları sizden asla istemez.',
        'Bu otomatik bir mesajdır, lütfen yanıtlamayın.',
      ],
      frenchCopy: 'Fransızca sürüm',
    },
  },
  bn: {
    sms: {
      deposit: 'OFPRA: আপনার স্পেসে নতুন চিঠি:',
      reminder: 'OFPRA: ১৫ দিনের মধ্যে চিঠি পড়ুন:',
      resetCode: (code) => `OFPRA পাসওয়ার্ড রিসেট কোড: ${code}। ১৫ মিনিট বৈধ। কাউকে দেবেন না।`,
    },
    email: {
      subject: {
        deposit: 'আপনার OFPRA ব্যক্তিগত স্পেসে একটি নতুন চিঠি অপেক্ষা করছে',
        reminder: 'অনুস্মারক: আপনার OFPRA ব্যক্তিগত স্পেসে একটি না-পড়া চিঠি অপেক্ষা করছে',
        resetCode: 'আপনার OFPRA পাসওয়ার্ড রিসেট কোড',
      },
      greeting: 'প্রিয় আবেদনকারী,',
      deposit: ['OFPRA আপনার অনলাইন ব্যক্তিগত স্পেসে একটি নতুন চিঠি রেখেছে।', 'চিঠিটি পড়তে লগ ইন করুন:'],
      reminder: [
        'আপনার ব্যক্তিগত স্পেসে রাখা OFPRA-র একটি চিঠি এখনও খোলা হয়নি।',
        'চিঠিটি রাখার দিন থেকে ১৫ দিনের মধ্যে পড়ুন। এই সময়ের পরে, আপনি না খুললেও এটি আপনাকে জানানো হয়েছে বলে ধরা হবে, এবং এর সঙ্গে যুক্ত সময়সীমা (যেমন আপিলের জন্য) তবুও চলতে থাকবে।',
        'চিঠিটি পড়তে লগ ইন করুন:',
      ],
      resetCode: (code) => [
        `আপনার ব্যক্তিগত স্পেসের পাসওয়ার্ড রিসেট করার কোড: ${code}`,
        'এই কোড ১৫ মিনিট বৈধ। আপনি অনুরোধ না করে থাকলে এই বার্তাটি উপেক্ষা করুন।',
        'লগ ইন পাতা:',
      ],
      noticeFooter:
        'এই বার্তাটি শুধু একটি বিজ্ঞপ্তি: এতে চিঠির বিষয়বস্তু নেই এবং এর কোনো আইনি প্রভাব নেই। লগ ইন করতে সাহায্য লাগলে আপনার SPADA-র সঙ্গে যোগাযোগ করুন।',
      securityFooter: [
        'আপনার পাসওয়ার্ড, সংযোগ কী বা পাওয়া কোনো কোড কখনও কাউকে দেবেন না: OFPRA কখনও এগুলো আপনার কাছে চাইবে না।',
        'এটি একটি স্বয়ংক্রিয় বার্তা, অনুগ্রহ করে উত্তর দেবেন না।',
      ],
      frenchCopy: 'ফরাসি সংস্করণ',
    },
  },
  ka: {
    sms: {
      deposit: 'OFPRA: ახალი წერილი თქვენს სივრცეში:',
      reminder: 'OFPRA: წაიკითხეთ წერილი 15 დღის ვადაში:',
      resetCode: (code) => `OFPRA პაროლის კოდი: ${code}. მოქმედებს 15 წთ. არავის გაუზიაროთ.`,
    },
    email: {
      subject: {
        deposit: 'თქვენს OFPRA-ს პირად სივრცეში ახალი წერილი გელოდებათ',
        reminder: 'შეხსენება: თქვენს OFPRA-ს პირად სივრცეში წაუკითხავი წერილი გელოდებათ',
        resetCode: 'თქვენი OFPRA-ს პაროლის აღდგენის კოდი',
      },
      greeting: 'გამარჯობა,',
      deposit: ['OFPRA-მ თქვენს ონლაინ პირად სივრცეში ახალი წერილი განათავსა.', 'შედით, რომ წაიკითხოთ:'],
      reminder: [
        'OFPRA-ს წერილი, რომელიც თქვენს პირად სივრცეშია განთავსებული, ჯერ არ გახსნილა.',
        'წაიკითხეთ ის განთავსებიდან 15 დღის განმავლობაში. ამ ვადის შემდეგ ის ჩაბარებულად ჩაითვლება, მაშინაც კი, თუ არ გაგიხსნიათ, და მასთან დაკავშირებული ვადები (მაგალითად, გასაჩივრებისთვის) მაინც დაიწყება.',
        'შედით, რომ წაიკითხოთ:',
      ],
      resetCode: (code) => [
        `თქვენი პირადი სივრცის პაროლის აღდგენის კოდი: ${code}`,
        'კოდი მოქმედებს 15 წუთის განმავლობაში. თუ ეს თქვენ არ მოგითხოვიათ, ყურადღება ნუ მიაქცევთ ამ შეტყობინებას.',
        'შესვლის გვერდი:',
      ],
      noticeFooter:
        'ეს შეტყობინება მხოლოდ ცნობაა: ის არ შეიცავს წერილის ტექსტს და არ აქვს იურიდიული ძალა. თუ შესასვლელად დახმარება გჭირდებათ, მიმართეთ თქვენს SPADA-ს.',
      securityFooter: [
        'არასოდეს გაუზიაროთ ვინმეს თქვენი პაროლი, შესვლის გასაღები ან მიღებული კოდი: OFPRA მათ არასოდეს მოგთხოვთ.',
        'ეს ავტომატური შეტყობინებაა, გთხოვთ, ნუ უპასუხებთ.',
      ],
      frenchCopy: 'ფრანგული ვერსია',
    },
  },
  ti: {
    sms: {
      deposit: 'OFPRA: ኣብ ውልቃዊ ገጽኩም ሓድሽ ደብዳቤ ኣሎ:',
      reminder: 'OFPRA: ኣብ 15 መዓልቲ ደብዳቤ ኣንብቡ:',
      resetCode: (code) => `OFPRA ናይ መሕለፊ ቃል ኮድ: ${code}። ን15 ደቒቕ ይሰርሕ። ንማንም ኣይትሃብዎ።`,
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
      resetCode: (code) => [
        `ናይ ውልቃዊ ገጽኩም መሕለፊ ቃል ንምሕዳስ ዝኸውን ኮድ: ${code}`,
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
  },
};

const RESET_CODE = /^\d{6}$/;

/**
 * The alert for one channel, kind and language (R11).
 *
 * @example
 * alertMessage({ channel: 'sms', kind: 'deposit', language: 'fr', publicUrl: 'https://demat.ofpra.example.fr' }).text
 * // 'OFPRA : un nouveau courrier vous attend dans votre espace personnel. Connectez-vous pour le lire :\nhttps://demat.ofpra.example.fr'
 */
export function alertMessage(input: AlertMessageInput): AlertMessage {
  // Deposit and reminder alerts depend only on channel, kind, language and URL: each is composed
  // once (escaping included) and then copied; reset codes differ every time.
  const { channel, kind, language, publicUrl } = input;
  const cacheable =
    (channel === 'sms' || channel === 'email') && (kind === 'deposit' || kind === 'reminder') && Object.hasOwn(WORDING, language);
  if (!cacheable) return composedMessage(input);
  const key = `${channel}|${kind}|${language}|${publicUrl}`;
  const known = composedByKey.get(key) ?? composedByKey.set(key, composedMessage(input));
  return { ...known };
}

/** Deposit and reminder alerts already composed, by `channel|kind|language|publicUrl` (the first three never hold a `|`). */
const composedByKey = new BoundedCache<string, AlertMessage>(1_000);

function composedMessage(input: AlertMessageInput): AlertMessage {
  const url = normalizedUrl(input.publicUrl);
  const code = input.kind === 'resetCode' ? checkedCode(input.code) : '';
  const wording = WORDING[input.language];
  if (input.channel === 'sms') {
    // The URL goes on its own line so that right-to-left text cannot reorder it.
    const sms = wording.sms;
    const text =
      input.kind === 'resetCode'
        ? sms.resetCode(code)
        : `${input.kind === 'deposit' ? sms.deposit : sms.reminder}\n${url}`;
    return { text };
  }
  const sections = [emailSection(input.language, input.kind, url, code)];
  // A French copy lets the people who help applicants (SPADA, social workers) read the message too.
  if (input.language !== 'fr') sections.push(emailSection('fr', input.kind, url, code));
  const subject = wording.email.subject[input.kind];
  const text = sections
    .map((section, index) =>
      [index === 0 ? [] : [`--- ${wording.email.frenchCopy} ---`], ...section.paragraphs.map((p) => [p.text])]
        .flat()
        .join('\n\n'),
    )
    .join('\n\n\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${input.language}" dir="${direction(input.language)}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...sections.map((section, index) =>
      [
        index === 0 ? '' : `<hr><p><strong>${escapeHtml(wording.email.frenchCopy)}</strong></p>`,
        `<div lang="${section.language}" dir="${direction(section.language)}">`,
        ...section.paragraphs.map((p) => `<p>${p.html}</p>`),
        '</div>',
      ].join(''),
    ),
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html };
}

interface Paragraph {
  readonly text: string;
  readonly html: string;
}

function emailSection(
  language: Language,
  kind: AlertMessageKind,
  url: string,
  code: string,
): { language: Language; paragraphs: Paragraph[] } {
  const email = WORDING[language].email;
  const plain = (text: string): Paragraph => ({ text, html: escapeHtml(text) });
  // The link shows the address itself, so that the reader can check where it leads.
  const link: Paragraph = { text: url, html: `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` };
  const body =
    kind === 'resetCode' ? email.resetCode(code) : kind === 'deposit' ? email.deposit : email.reminder;
  const paragraphs =
    kind === 'resetCode'
      ? [
          plain(email.greeting),
          ...body.map((line, index) =>
            index === 0
              ? { text: line, html: escapeHtml(line).replace(code, `<strong>${code}</strong>`) }
              : plain(line),
          ),
          link,
          ...email.securityFooter.map(plain),
        ]
      : [plain(email.greeting), ...body.map(plain), link, plain(email.noticeFooter), ...email.securityFooter.map(plain)];
  return { language, paragraphs };
}

function normalizedUrl(publicUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(publicUrl);
  } catch {
    throw new RangeError(`publicUrl is not a URL: ${publicUrl}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new RangeError(`publicUrl must be an http(s) URL: ${publicUrl}`);
  }
  if (parsed.username !== '' || parsed.password !== '') throw new RangeError('publicUrl must not carry credentials');
  return publicUrl.trim().replace(/\/+$/, '');
}

function checkedCode(code: string | undefined): string {
  if (code === undefined || !RESET_CODE.test(code)) throw new RangeError('a resetCode alert needs a six-digit code');
  return code;
}

function direction(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// ---------------------------------------------------------------- SMS segments

/** GSM 03.38 default alphabet (127 characters; the 128th code is the escape to the extension table). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: each costs two septets (escape + character). */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

export interface SmsSegments {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** How many SMS the text is sent as (0 for an empty text). */
  readonly segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly length: number;
}

/**
 * How an SMS text is encoded and how many segments it costs: GSM-7 when every character is in
 * the default alphabet or its extension table (which costs two septets), 160 septets in one
 * segment or 153 per part when concatenated; otherwise UCS-2, 70 code units in one segment or
 * 67 per part. Parts never split an escape sequence or a surrogate pair.
 *
 * @example smsSegments('Bonjour') // { encoding: 'GSM-7', segments: 1, length: 7 }
 */
export function smsSegments(text: string): SmsSegments {
  const characters = [...text];
  const gsm = characters.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const units = gsm ? characters.map((c) => (GSM7_EXTENSION.has(c) ? 2 : 1)) : characters.map((c) => c.length);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  const length = units.reduce((sum, n) => sum + n, 0);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', segments: segmentCount(units, length, single, part), length };
}

function segmentCount(units: readonly number[], length: number, single: number, part: number): number {
  if (length === 0) return 0;
  if (length <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > part) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return segments;
}
